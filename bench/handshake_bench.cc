// handshake_bench: how fast a provider binary starts and answers, measured the
// way OpenTofu starts it (go-plugin's client with AutoMTLS).
//
// Usage: handshake_bench --runs N [--label L ...] BINARY [BINARY2 ...]
//
// Each run, for each binary in turn (runs are interleaved so that drift in the
// machine's load hits every binary alike; one untimed warm-up run each first):
//   1. a fresh ECDSA P-521 client certificate, as go-plugin makes per start
//      (not timed: the client makes it before starting the plugin);
//   2. posix_spawn with go-plugin's environment (magic cookie, port range,
//      PLUGIN_PROTOCOL_VERSIONS=5,6, PLUGIN_CLIENT_CERT); read the handshake line
//      "1|6|unix|/path|grpc|<server cert>" from stdout      -> "handshake"
//   3. a gRPC channel over the unix socket with mutual TLS (root = the server
//      certificate from the line, our client certificate, server name
//      "localhost"), and the schema RPC with an empty request
//      (/tfplugin6.Provider/GetProviderSchema, or /tfplugin5.Provider/GetSchema
//      when the line says protocol 5): connect + TLS + RPC  -> "schema"
//      and the same call again on that connection: the RPC  -> "schema_warm"
//   4. /plugin.GRPCController/Shutdown, then wait for the process to exit
//      (killed after 5 s, which is reported)              -> "total" (from 1.)
//
// Prints min/median/max in milliseconds per binary and, with two or more
// binaries, the ratio of medians of the first to each other one. The last
// lines, "RESULT <label> handshake_ms=… schema_ms=… … total_ms=…" (medians), are
// for scripts. --label names the binaries in order (default: the file name
// less "terraform-provider-"). Exits 1 if a binary does not answer, 2 on bad
// usage.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "../test/plugin/serve/plugin_process.h"

namespace {

using namespace vers::plugin_process;
using Ms = std::chrono::duration<double, std::milli>;

constexpr milliseconds kAnswerTimeout(10000);
constexpr milliseconds kExitGrace(5000);

struct Sample {
  double handshake_ms = 0;
  double schema_ms = 0;
  double schema_warm_ms = 0;
  double total_ms = 0;
};

struct Subject {
  std::string binary;
  std::string label;
  std::vector<Sample> samples;
  int app_version = 0;
  bool tls = false;
  size_t schema_bytes = 0;
  int killed = 0;  // runs where Shutdown did not end the process in time
};

// One start-to-exit cycle. Throws Error with a readable reason when the binary
// does not answer.
Sample RunOnce(Subject& subject) {
  const ClientCert cert = GenerateClientCert("P-521");
  LaunchOptions options;
  options.client_cert_pem = cert.cert_pem;
  const std::vector<std::string> env = PluginEnvironment(options);

  const auto start = Clock::now();
  ChildProcess process = ChildProcess::Spawn({subject.binary}, env);
  const std::optional<std::string> line = process.ReadLine(kAnswerTimeout);
  const auto handshaken = Clock::now();
  if (!line) {
    const bool timed_out = handshaken - start >= kAnswerTimeout;
    const std::optional<int> code = process.Wait(milliseconds(1000));
    throw Error(
        subject.binary + " did not answer: " +
        (timed_out ? "no handshake line on stdout within " +
                         std::to_string(kAnswerTimeout.count() / 1000) + " s"
                   : std::string("stdout closed without a handshake line")) +
        " (" + (code ? "exited with code " + std::to_string(*code) : std::string("still running")) +
        "); its stderr:\n" + process.Stderr());
  }
  const std::optional<Handshake> handshake = ParseHandshake(*line);
  if (!handshake || handshake->network != "unix" || handshake->protocol != "grpc") {
    throw Error(subject.binary + " printed an unexpected handshake line: " + *line);
  }

  auto channel = Connect(*handshake, &cert);
  const CallResult schema =
      CallEmpty(channel, SchemaMethod(handshake->app_version), kAnswerTimeout);
  const auto answered = Clock::now();
  if (!schema.status.ok()) {
    throw Error(subject.binary + ": " + SchemaMethod(handshake->app_version) + " failed: code " +
                std::to_string(schema.status.error_code()) + ", " + schema.status.error_message() +
                "; its stderr:\n" + process.Stderr());
  }

  // The same call again on the established connection: the RPC alone.
  const auto again = Clock::now();
  const CallResult warm = CallEmpty(channel, SchemaMethod(handshake->app_version), kAnswerTimeout);
  const auto answered_again = Clock::now();
  if (!warm.status.ok()) {
    throw Error(subject.binary + ": the second " + SchemaMethod(handshake->app_version) +
                " failed: " + warm.status.error_message());
  }

  // Like go-plugin's client, ignore Shutdown's status: the server may close the
  // connection before it answers.
  CallEmpty(channel, kShutdownMethod, kExitGrace);
  if (!process.Wait(kExitGrace)) {
    ++subject.killed;
    process.WaitOrKill(milliseconds(0));
  }
  const auto exited = Clock::now();

  subject.app_version = handshake->app_version;
  subject.tls = !handshake->server_cert_b64.empty();
  subject.schema_bytes = schema.response.size();
  return Sample{Ms(handshaken - start).count(), Ms(answered - handshaken).count(),
                Ms(answered_again - again).count(), Ms(exited - start).count()};
}

struct Stats {
  double min = 0;
  double median = 0;
  double max = 0;
};

Stats Summarize(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const size_t n = values.size();
  const double median = n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  return Stats{values.front(), median, values.back()};
}

template <class Field>
Stats StatsOf(const Subject& s, Field field) {
  std::vector<double> values;
  for (const Sample& sample : s.samples) values.push_back(sample.*field);
  return Summarize(std::move(values));
}

constexpr std::pair<const char*, double Sample::*> kMeasures[] = {
    {"handshake", &Sample::handshake_ms},
    {"schema", &Sample::schema_ms},
    {"schema_warm", &Sample::schema_warm_ms},
    {"total", &Sample::total_ms},
};

void PrintSubject(const Subject& s) {
  std::printf("[%s] %s\n    protocol %d, %s, schema response %zu bytes%s\n", s.label.c_str(),
              s.binary.c_str(), s.app_version, s.tls ? "mTLS" : "plaintext", s.schema_bytes,
              s.killed > 0
                  ? (", KILLED after Shutdown in " + std::to_string(s.killed) + " runs").c_str()
                  : "");
  std::printf("    %-12s %9s %9s %9s   (ms)\n", "", "min", "median", "max");
  for (const auto& [name, field] : kMeasures) {
    const Stats st = StatsOf(s, field);
    std::printf("    %-12s %9.2f %9.2f %9.2f\n", name, st.min, st.median, st.max);
  }
}

int Usage(const char* why) {
  std::fprintf(
      stderr,
      "handshake_bench: %s\nusage: handshake_bench --runs N [--label L ...] BINARY [BINARY2 ...]\n",
      why);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 0;
  std::vector<std::string> labels;
  std::vector<Subject> subjects;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--runs" || arg == "--label") && i + 1 == argc) return Usage("missing value");
    if (arg == "--runs") {
      runs = std::atoi(argv[++i]);
    } else if (arg == "--label") {
      labels.emplace_back(argv[++i]);
    } else if (arg.starts_with("-")) {
      return Usage(("unknown option " + arg).c_str());
    } else {
      subjects.push_back(Subject{arg, {}, {}, 0, false, 0, 0});
    }
  }
  if (runs < 1) return Usage("--runs N (N >= 1) is required");
  if (subjects.empty()) return Usage("no binary given");
  if (labels.size() > subjects.size()) return Usage("more labels than binaries");
  for (size_t i = 0; i < subjects.size(); ++i) {
    std::string name = subjects[i].binary.substr(subjects[i].binary.rfind('/') + 1);
    if (name.starts_with("terraform-provider-")) name.erase(0, std::strlen("terraform-provider-"));
    subjects[i].label = i < labels.size() ? labels[i] : name;
  }

  try {
    for (Subject& s : subjects) RunOnce(s);  // warm-up: page cache, dynamic loader
    for (int run = 0; run < runs; ++run) {
      for (Subject& s : subjects) s.samples.push_back(RunOnce(s));
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "handshake_bench: %s\n", e.what());
    return 1;
  }

  std::printf("handshake_bench: %d runs per binary, interleaved, after one warm-up run each\n",
              runs);
  for (const Subject& s : subjects) PrintSubject(s);
  for (size_t i = 1; i < subjects.size(); ++i) {
    std::printf("ratio of medians, %s / %s:", subjects[0].label.c_str(), subjects[i].label.c_str());
    for (const auto& [name, field] : kMeasures) {
      std::printf("  %s %.3f", name,
                  StatsOf(subjects[0], field).median / StatsOf(subjects[i], field).median);
    }
    std::printf("\n");
  }
  for (const Subject& s : subjects) {
    std::printf("RESULT %s", s.label.c_str());
    for (const auto& [name, field] : kMeasures)
      std::printf(" %s_ms=%.3f", name, StatsOf(s, field).median);
    std::printf("\n");
  }
  return 0;
}
