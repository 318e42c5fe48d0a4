// upload_bench: throughput of the provider's native upload path (SshSession
// over TlsTunnel, SFTP, as vers_provision uses it) to one VM, so that it can
// be compared with plain scp and the ssh + openssl s_client shell-out method
// (bench/upload_bench.sh runs all three against vers-local).
//
// Usage: upload_bench --host <vm_id>.<vm_domain> --port <tls port> --ca <ca file>
//                     --key <private key file> --file <local file> --dest <remote path>
//                     [--runs N]
//
// Each run opens a new session (TLS + SSH handshake, as scp and ssh do), calls
// UploadFile (which checks the remote size, and the SHA-256 of each 64 MiB
// range while it sends), VerifySha256 and Publish (the rename into place), as
// vers_provision does, and reports
// the rate and the process's CPU time. After each timed run, a whole-file
// SHA-256 on the VM is timed alone: what checking after the transfer would
// cost. Prints one JSON line; exits 1 on failure, 2 on bad usage.
// The key is read from a file only because this is a harness: the provider
// itself takes keys from the API and never writes them.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "ssh/session.h"

namespace {

using vers::Status;
using vers::ssh::Clock;
using Seconds = std::chrono::duration<double>;

int Usage() {
  std::fprintf(stderr,
               "usage: upload_bench --host H --port P --ca CA --key KEY --file F --dest PATH "
               "[--runs N]\n");
  return 2;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

std::string JsonList(const std::vector<double>& v) {
  std::string s = "[";
  char b[32];
  for (size_t i = 0; i < v.size(); ++i) {
    std::snprintf(b, sizeof b, "%s%.3f", i ? "," : "", v[i]);
    s += b;
  }
  return s + "]";
}

// User + system CPU time of this process so far.
double CpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

int Fail(const vers::Status& s) {
  std::fprintf(stderr, "upload_bench: %s\n", s.message().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::string, std::string> arg{{"--runs", "3"}};
  for (int i = 1; i + 1 < argc; i += 2) arg[argv[i]] = argv[i + 1];
  for (const char* k : {"--host", "--port", "--ca", "--key", "--file", "--dest"})
    if (arg[k].empty()) return Usage();
  if (argc % 2 != 1) return Usage();
  const int runs = std::stoi(arg["--runs"]);
  if (runs < 1) return Usage();

  vers::ssh::ConnectOptions o;
  o.tls.connect_host = o.tls.server_name = arg["--host"];
  o.tls.port = std::stoi(arg["--port"]);
  o.tls.ca_cert_file = arg["--ca"];
  std::ostringstream key;
  key << std::ifstream(arg["--key"]).rdbuf();
  o.private_key = key.str();

  std::vector<double> mib_s, connect_s, cpu_s, whole_check_s;
  std::string tls, cipher;
  uint64_t bytes = 0;
  bool ranges_checked = false;
  for (int i = 0; i < runs; ++i) {
    double cpu_start = CpuSeconds();
    auto start = Clock::now();
    o.deadline = start + std::chrono::seconds(60);
    auto session = vers::ssh::SshSession::Connect(o);
    if (!session.ok()) return Fail(session.status());
    auto connected = Clock::now();
    auto& s = *session.value();
    auto up =
        s.UploadFile(arg["--file"], arg["--dest"], 0644, connected + std::chrono::minutes(10));
    if (!up.ok()) return Fail(up.status());
    if (Status v = s.VerifySha256({up.value()}, Clock::now() + std::chrono::minutes(1)); !v.ok())
      return Fail(v);
    if (Status p = s.Publish({up.value()}, Clock::now() + std::chrono::minutes(1)); !p.ok())
      return Fail(p);
    auto done = Clock::now();
    cpu_s.push_back(CpuSeconds() - cpu_start);
    // Not timed above: what hashing the whole file after its transfer would
    // have added (the check before range-by-range checking).
    auto t = Clock::now();
    auto whole = s.Run(vers::ssh::RemoteSha256Command({arg["--dest"]}), t + std::chrono::minutes(1),
                       nullptr);
    if (!whole.ok() || whole.value().exit_status != 0)
      return Fail(Status::Error("the whole-file check failed"));
    whole_check_s.push_back(Seconds(Clock::now() - t).count());
    bytes = up.value().bytes;
    ranges_checked = up.value().ranges_checked > 0;
    tls = s.tls_protocol();
    cipher = s.cipher();
    connect_s.push_back(Seconds(connected - start).count());
    mib_s.push_back(static_cast<double>(bytes) / (1 << 20) / Seconds(done - start).count());
    std::fprintf(stderr, "upload_bench: run %d: %.1f MiB/s\n", i + 1, mib_s.back());
  }
  std::printf(
      "{\"bytes\":%llu,\"runs\":%d,\"mib_s\":%s,\"median_mib_s\":%.3f,\"connect_s\":%s,"
      "\"cpu_s\":%s,\"whole_check_s\":%s,\"ranges_checked\":%s,\"tls\":\"%s\","
      "\"cipher\":\"%s\"}\n",
      static_cast<unsigned long long>(bytes), runs, JsonList(mib_s).c_str(), Median(mib_s),
      JsonList(connect_s).c_str(), JsonList(cpu_s).c_str(), JsonList(whole_check_s).c_str(),
      ranges_checked ? "true" : "false", tls.c_str(), cipher.c_str());
  return 0;
}
