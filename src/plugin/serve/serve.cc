#include "plugin/serve/serve.h"

#include <grpcpp/grpcpp.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "base/base64.h"
#include "plugin/base.h"
#include "plugin/rpc/service.h"
#include "plugin/serve/listener.h"
#include "plugin/serve/side_services.h"
#include "plugin/serve/tls_cert.h"

namespace tfplugin::serve {
namespace {

constexpr int kCoreProtocolVersion = 1;  // go-plugin's own protocol
constexpr int kAppProtocolVersion = 6;   // tfplugin6

// What a person who runs the binary by hand is told.
std::string NotAPluginHint(const ProviderIdentity& identity) {
  return "This binary is a plugin for Terraform and OpenTofu, which start it themselves; it is "
         "not\nmeant to be run by hand. To use it, either install it into a provider mirror or "
         "point a\ndev override at the directory that holds it, in your CLI configuration "
         "(~/.tofurc or\n~/.terraformrc):\n\n"
         "  provider_installation {\n"
         "    dev_overrides { \"" +
         identity.source +
         "\" = \"/path/to/dir\" }\n"
         "    direct {}\n"
         "  }\n\n"
         "To debug it, run it with -debug and follow what it prints.\n";
}

// Whether PLUGIN_PROTOCOL_VERSIONS (when the client sets it) admits ours.
bool ClientSpeaksOurProtocol() {
  const char* versions = std::getenv("PLUGIN_PROTOCOL_VERSIONS");
  if (versions == nullptr || *versions == '\0') return true;
  std::string list = std::string(",") + versions + ",";
  return list.find("," + std::to_string(kAppProtocolVersion) + ",") != std::string::npos;
}

// sigtimedwait with a timeout; macOS has no sigtimedwait, so there a pending
// signal is taken with sigwait (which then returns at once), or the tick slept.
int WaitForSignal(const sigset_t& set, const timespec& tick) {
#if defined(__APPLE__)
  sigset_t pending;
  sigpending(&pending);
  for (int s : {SIGTERM, SIGINT, SIGUSR1}) {
    int got = 0;
    if (sigismember(&set, s) && sigismember(&pending, s) && sigwait(&set, &got) == 0) return got;
  }
  ::nanosleep(&tick, nullptr);
  return -1;
#else
  return ::sigtimedwait(&set, nullptr, &tick);
#endif
}

// Waits for SIGTERM (always) and SIGINT (debug only; otherwise Ctrl-C reaches
// us with the whole process group, and core stops us through StopProvider),
// and notices the parent's death by polling, which unlike PR_SET_PDEATHSIG
// does not depend on which parent thread started us.
void WatchSignals(const sigset_t& set, bool debug, pid_t parent, ShutdownSignal& shutdown,
                  Provider& provider) {
  timespec tick{0, 200 * 1000 * 1000};
  while (!shutdown.requested()) {
    int sig = WaitForSignal(set, tick);
    if (sig == SIGTERM || (sig == SIGINT && debug)) {
      log::Info("signal received; shutting down", {{"signal", ::strsignal(sig)}});
      provider.Stop();
      shutdown.Request();
    } else if (!debug && ::getppid() != parent) {
      log::Info("parent process exited; shutting down");
      provider.Stop();
      shutdown.Request();
    }
  }
}

// The TF_REATTACH_PROVIDERS value: the provider under both CLIs' default
// registry hosts, since each looks its source address up on its own.
std::string ReattachJson(const ProviderIdentity& identity, const std::string& network,
                         const std::string& address) {
  std::string entry =
      "{\"Protocol\":\"grpc\",\"ProtocolVersion\":6,\"Pid\":" + std::to_string(::getpid()) +
      ",\"Test\":true,\"Addr\":{\"Network\":\"" + network + "\",\"String\":\"" + address + "\"}}";
  return "{\"registry.opentofu.org/" + identity.source + "\":" + entry +
         ",\"registry.terraform.io/" + identity.source + "\":" + entry + "}";
}

}  // namespace

int Serve(std::unique_ptr<Provider> provider, const ServeOptions& options) {
  log::Init();
  if (!options.debug) {
    const char* cookie = std::getenv(kMagicCookieKey);
    if (cookie == nullptr || std::strcmp(cookie, kMagicCookieValue) != 0) {
      std::fputs(NotAPluginHint(options.identity).c_str(), stderr);
      return 1;
    }
    if (!ClientSpeaksOurProtocol()) {
      std::fprintf(stderr, "This provider speaks plugin protocol 6; the client offered only %s.\n",
                   std::getenv("PLUGIN_PROTOCOL_VERSIONS"));
      return 1;
    }
  }
  const pid_t parent = ::getppid();
  ::signal(SIGPIPE, SIG_IGN);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR1);                   // wakes the watcher at shutdown
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // inherited by every thread started below

  auto listener = PluginListener::Prepare();
  if (!listener.ok()) {
    std::fprintf(stderr, "Could not listen: %s\n", listener.status().message().c_str());
    return 1;
  }
  PluginListener& where = *listener.value();

  std::shared_ptr<grpc::ServerCredentials> creds = grpc::InsecureServerCredentials();
  std::string server_cert_b64;
  const char* client_cert = std::getenv("PLUGIN_CLIENT_CERT");
  if (!options.debug && client_cert != nullptr && *client_cert != '\0') {
    auto cert = GenerateSelfSignedCert("localhost", options.identity.program);
    if (!cert.ok()) {
      std::fprintf(stderr, "Could not set up TLS: %s\n", cert.status().message().c_str());
      return 1;
    }
    grpc::SslServerCredentialsOptions ssl(
        GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
    ssl.pem_root_certs = client_cert;
    ssl.pem_key_cert_pairs.push_back({cert.value().key_pem, cert.value().cert_pem});
    creds = grpc::SslServerCredentials(ssl);
    server_cert_b64 = base::Base64EncodeUnpadded(cert.value().cert_der);
  }

  ShutdownSignal shutdown;
  rpc::ProviderService provider_service(std::move(provider), options.identity);
  ControllerService controller(shutdown);
  StdioService stdio(shutdown);
  HealthService health;

  grpc::ServerBuilder builder;
  builder.AddListeningPort(where.grpc_address(), creds, where.selected_port());
  builder.RegisterService(&provider_service);
  builder.RegisterService(&controller);
  builder.RegisterService(&stdio);
  builder.RegisterService(&health);
  // Large configurations and states exceed gRPC's 4 MB default.
  builder.SetMaxReceiveMessageSize(INT_MAX);
  builder.SetMaxSendMessageSize(INT_MAX);
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (!server) {
    std::fprintf(stderr, "Could not listen on %s\n", where.grpc_address().c_str());
    return 1;
  }

  if (options.debug) {
    std::printf(
        "Provider started. To attach OpenTofu or Terraform, set TF_REATTACH_PROVIDERS in the "
        "shell that runs them:\n\n\tTF_REATTACH_PROVIDERS='%s'\n\nPress Ctrl-C to stop.\n",
        ReattachJson(options.identity, where.network(), where.address()).c_str());
  } else {
    std::printf("%d|%d|%s|%s|grpc|%s\n", kCoreProtocolVersion, kAppProtocolVersion,
                where.network().c_str(), where.address().c_str(), server_cert_b64.c_str());
  }
  std::fflush(stdout);
  log::Debug("plugin serving", {{"network", where.network()},
                                {"address", where.address()},
                                {"tls", server_cert_b64.empty() ? "off" : "on"}});

  std::thread watcher(WatchSignals, std::cref(set), options.debug, parent, std::ref(shutdown),
                      std::ref(provider_service.provider()));
  while (!shutdown.WaitFor(std::chrono::hours(1))) {
  }
  ::pthread_kill(watcher.native_handle(), SIGUSR1);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
  watcher.join();
  log::Debug("plugin stopped");
  return 0;
}

}  // namespace tfplugin::serve
