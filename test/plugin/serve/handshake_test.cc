// The go-plugin handshake of the real provider binary, driven the way
// Terraform and OpenTofu drive it: environment, handshake line, mutual TLS,
// the schema RPC, shutdown, parent death and -debug (reattach) mode.
//
// The binary is $VERS_BUILD_DIR/terraform-provider-vers (ctest sets
// VERS_BUILD_DIR); without it these tests are skipped with a warning.
#include <openssl/ssl.h>
#include <simdjson.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "grpc_health/health.grpc.pb.h"
#include "plugin_process.h"
#include "tfplugin6/tfplugin6.pb.h"

namespace vers::plugin_process {
namespace {

namespace fs = std::filesystem;

// The provider binary, or "" when VERS_BUILD_DIR is unset.
std::string ProviderPath() {
  const char* dir = std::getenv("VERS_BUILD_DIR");
  if (dir == nullptr || *dir == '\0') return "";
  return std::string(dir) + "/terraform-provider-vers";
}

// Skips the test (with a printed reason) when there is no binary to run.
#define REQUIRE_PROVIDER_BINARY(var)                                                   \
  const std::string var = ProviderPath();                                              \
  if (var.empty()) {                                                                   \
    WARN("skipped: VERS_BUILD_DIR is not set, so there is no provider binary to run"); \
    return;                                                                            \
  }                                                                                    \
  INFO("provider binary: " << var);                                                    \
  REQUIRE(fs::exists(var))

constexpr milliseconds kStartTimeout(10000);

struct Started {
  ChildProcess process;
  std::string line;
  Handshake handshake;
};

// Starts the provider (from an intermediate process with `intermediate`) and
// reads its handshake line.
Started Start(const std::string& binary, const LaunchOptions& options, bool intermediate = false) {
  std::vector<std::string> argv{binary};
  std::vector<std::string> env = PluginEnvironment(options);
  ChildProcess process = intermediate ? ChildProcess::SpawnWithIntermediate(argv, env)
                                      : ChildProcess::Spawn(argv, env);
  std::optional<std::string> line = process.ReadLine(kStartTimeout);
  INFO("provider stderr: " << process.Stderr());
  REQUIRE(line.has_value());
  INFO("handshake line: " << *line);
  std::optional<Handshake> handshake = ParseHandshake(*line);
  REQUIRE(handshake.has_value());
  return Started{std::move(process), *line, *handshake};
}

// Parses a GetProviderSchema response and checks it carries the provider's
// schema and no error.
void CheckSchemaResponse(const CallResult& call) {
  INFO("status " << call.status.error_code() << ": " << call.status.error_message());
  REQUIRE(call.status.ok());
  tfplugin6::GetProviderSchema::Response response;
  REQUIRE(response.ParseFromString(call.response));
  CHECK(response.has_provider());
  for (const auto& d : response.diagnostics()) {
    INFO(d.summary() << ": " << d.detail());
    CHECK(d.severity() != tfplugin6::Diagnostic::ERROR);
  }
}

// ---------------------------------------------------------------------------
// A raw TLS client (OpenSSL on a connected AF_UNIX socket), to see exactly
// what the server accepts: protocol version, client certificate, curve.

using SslCtxPtr = std::unique_ptr<SSL_CTX, OpenSslFree<SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, OpenSslFree<SSL_free>>;

struct TlsOutcome {
  bool handshake = false;  // SSL_connect succeeded
  bool exchanged = false;  // and the server then answered the HTTP/2 preface
  int version = 0;         // negotiated, e.g. TLS1_3_VERSION
  std::string error;       // what failed, from OpenSSL
};

// Why an SSL call returned `rc`: SSL_get_error's code, errno for a system
// call error, and OpenSSL's error queue (emptied).
std::string SslFailure(SSL* ssl, int rc) {
  const int saved_errno = errno;
  const int code = ::SSL_get_error(ssl, rc);
  std::string text = "SSL_get_error " + std::to_string(code);
  if (code == SSL_ERROR_SYSCALL && saved_errno != 0)
    text += ", " + ErrnoMessage("errno", saved_errno);
  return text + "; " + OpenSslErrors();
}

// True when the provider's log (gRPC's own lines on stderr) explains a failed
// TLS handshake; then the reason must be `reason`. gRPC logs at ERROR level
// by default, but GRPC_VERBOSITY or a future log redirection may silence it,
// so a missing line is not a failure.
void CheckServerHandshakeError(const std::string& provider_stderr, const std::string& reason) {
  INFO("provider stderr: " << provider_stderr);
  if (provider_stderr.find("Handshake failed") != std::string::npos) {
    CHECK_THAT(provider_stderr, Catch::Contains(reason));
  } else {
    WARN("the provider logged no TLS handshake failure; cannot check the reason: " << reason);
  }
}

// Blocks SIGPIPE in this thread while alive, and discards one raised meanwhile:
// writing to a connection the server has already closed must fail with EPIPE,
// not kill the test binary. (OpenSSL's socket BIO writes without MSG_NOSIGNAL.)
class ScopedSigpipeBlock {
 public:
  ScopedSigpipeBlock() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    ::pthread_sigmask(SIG_BLOCK, &pipe_, &old_);
  }
  ~ScopedSigpipeBlock() {
    timespec zero{0, 0};
    while (::sigtimedwait(&pipe_, nullptr, &zero) == SIGPIPE) {
    }
    ::pthread_sigmask(SIG_SETMASK, &old_, nullptr);
  }
  ScopedSigpipeBlock(const ScopedSigpipeBlock&) = delete;
  ScopedSigpipeBlock& operator=(const ScopedSigpipeBlock&) = delete;

 private:
  sigset_t pipe_;
  sigset_t old_;
};

TlsOutcome TlsProbe(const std::string& socket_path, const std::string& server_cert_der,
                    const ClientCert* client, int max_version) {
  ScopedSigpipeBlock no_sigpipe;
  TlsOutcome out;
  UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
  REQUIRE(fd.valid());
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  REQUIRE(socket_path.size() < sizeof addr.sun_path);
  std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
  REQUIRE(::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  timeval five_seconds{5, 0};  // never hang on a server that says nothing
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &five_seconds, sizeof five_seconds);

  SslCtxPtr ctx(::SSL_CTX_new(::TLS_client_method()));
  REQUIRE(ctx);
  REQUIRE(::SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION) == 1);
  REQUIRE(::SSL_CTX_set_max_proto_version(ctx.get(), max_version) == 1);
  // Trust only the server's certificate, and check it names localhost.
  const auto* p = reinterpret_cast<const unsigned char*>(server_cert_der.data());
  X509Ptr server_cert(::d2i_X509(nullptr, &p, static_cast<long>(server_cert_der.size())));
  REQUIRE(server_cert);
  REQUIRE(::X509_STORE_add_cert(::SSL_CTX_get_cert_store(ctx.get()), server_cert.get()) == 1);
  ::SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
  static constexpr unsigned char kAlpnH2[] = {2, 'h', '2'};
  REQUIRE(::SSL_CTX_set_alpn_protos(ctx.get(), kAlpnH2, sizeof kAlpnH2) == 0);
  if (client != nullptr) {
    BioPtr cert_bio(
        ::BIO_new_mem_buf(client->cert_pem.data(), static_cast<int>(client->cert_pem.size())));
    BioPtr key_bio(
        ::BIO_new_mem_buf(client->key_pem.data(), static_cast<int>(client->key_pem.size())));
    X509Ptr cert(::PEM_read_bio_X509(cert_bio.get(), nullptr, nullptr, nullptr));
    PkeyPtr key(::PEM_read_bio_PrivateKey(key_bio.get(), nullptr, nullptr, nullptr));
    REQUIRE(cert);
    REQUIRE(key);
    REQUIRE(::SSL_CTX_use_certificate(ctx.get(), cert.get()) == 1);
    REQUIRE(::SSL_CTX_use_PrivateKey(ctx.get(), key.get()) == 1);
  }

  SslPtr ssl(::SSL_new(ctx.get()));
  REQUIRE(ssl);
  REQUIRE(::SSL_set_fd(ssl.get(), fd.get()) == 1);
  REQUIRE(::SSL_set1_host(ssl.get(), "localhost") == 1);
  ::ERR_clear_error();
  errno = 0;
  if (int rc = ::SSL_connect(ssl.get()); rc != 1) {
    out.error = SslFailure(ssl.get(), rc);
    return out;
  }
  out.handshake = true;
  out.version = ::SSL_version(ssl.get());
  // In TLS 1.3 the server checks the client certificate after the client
  // considers the handshake done, so a refusal shows only on the next read.
  // The server's first HTTP/2 frame (SETTINGS) answers our preface.
  static constexpr char kPreface[] = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\4\0\0\0\0\0";
  if (int rc = ::SSL_write(ssl.get(), kPreface, sizeof kPreface - 1); rc <= 0) {
    out.error = SslFailure(ssl.get(), rc);
    return out;
  }
  char buf[64];
  errno = 0;
  if (int rc = ::SSL_read(ssl.get(), buf, sizeof buf); rc > 0) {
    out.exchanged = true;
  } else {
    out.error = SslFailure(ssl.get(), rc);
  }
  return out;
}

std::string ServerCertDer(const Handshake& handshake) {
  std::optional<std::string> der = DecodeBase64RawStd(handshake.server_cert_b64);
  REQUIRE(der.has_value());
  return *der;
}

// ---------------------------------------------------------------------------

TEST_CASE("without the magic cookie the provider explains itself and exits 1",
          "[serve][handshake]") {
  REQUIRE_PROVIDER_BINARY(binary);
  LaunchOptions options;
  options.magic_cookie = false;
  options.client_cert_pem = GenerateClientCert().cert_pem;
  ChildProcess process = ChildProcess::Spawn({binary}, PluginEnvironment(options));
  CHECK(process.Wait(kStartTimeout) == 1);
  CHECK(process.ReadStdoutToEnd(milliseconds(1000)).empty());
  const std::string err = process.Stderr();
  CHECK_THAT(err, Catch::Contains("plugin for Terraform and OpenTofu"));
  CHECK_THAT(err, Catch::Contains("dev_overrides"));
}

TEST_CASE("the handshake line announces protocol 6 on a private unix socket with a server cert",
          "[serve][handshake]") {
  REQUIRE_PROVIDER_BINARY(binary);
  LaunchOptions options;
  options.client_cert_pem = GenerateClientCert("P-521").cert_pem;
  Started started = Start(binary, options);
  const Handshake& h = started.handshake;
  INFO("handshake line: " << started.line);

  REQUIRE(h.fields.size() == 6);
  CHECK(h.core_version == 1);
  CHECK(h.app_version == 6);
  CHECK(h.network == "unix");
  CHECK(h.protocol == "grpc");

  // The socket exists, in a directory only we can enter.
  const fs::path socket(h.address);
  CHECK(socket.is_absolute());
  struct stat st {};
  REQUIRE(::stat(socket.c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));
  REQUIRE(::stat(socket.parent_path().c_str(), &st) == 0);
  CHECK(S_ISDIR(st.st_mode));
  CHECK((st.st_mode & 07777) == 0700);
  CHECK(st.st_uid == ::getuid());

  // Go's RawStdEncoding: no padding; decodes to a DER certificate for localhost.
  CHECK(h.server_cert_b64.find('=') == std::string::npos);
  const std::string der = ServerCertDer(h);
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(::d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  REQUIRE(cert);
  CHECK(p == reinterpret_cast<const unsigned char*>(der.data()) + der.size());  // nothing trailing
  // Matched against the DNS SANs only, never the subject CN.
  CHECK(::X509_check_host(cert.get(), "localhost", 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT,
                          nullptr) == 1);
  // An Ed25519 key: the cheapest to make at start-up. Go's crypto/tls (go-plugin's
  // client, in OpenTofu and Terraform) accepts Ed25519 server certificates since
  // Go 1.13 (crypto/tls: "Ed25519 certificates are now supported in TLS versions
  // 1.2 and 1.3"); every e2e test connects with both CLIs.
  CHECK(::X509_get_signature_nid(cert.get()) == NID_ED25519);
}

TEST_CASE("TLS 1.3 with go-plugin's P-521 client cert connects and GetProviderSchema answers",
          "[serve][handshake][tls]") {
  REQUIRE_PROVIDER_BINARY(binary);
  const ClientCert client = GenerateClientCert("P-521");
  LaunchOptions options;
  options.client_cert_pem = client.cert_pem;
  Started started = Start(binary, options);

  TlsOutcome tls = TlsProbe(started.handshake.address, ServerCertDer(started.handshake), &client,
                            TLS1_3_VERSION);
  INFO("TLS error: " << tls.error);
  CHECK(tls.handshake);
  CHECK(tls.version == TLS1_3_VERSION);
  CHECK(tls.exchanged);

  auto channel = Connect(started.handshake, &client);
  CheckSchemaResponse(
      CallEmpty(channel, SchemaMethod(started.handshake.app_version), kStartTimeout));
}

TEST_CASE("a client without a certificate is refused", "[serve][handshake][tls]") {
  REQUIRE_PROVIDER_BINARY(binary);
  const ClientCert client = GenerateClientCert("P-521");
  LaunchOptions options;
  options.client_cert_pem = client.cert_pem;
  Started started = Start(binary, options);
  const std::string der = ServerCertDer(started.handshake);

  // TLS 1.3: the client finishes its side of the handshake before the server
  // has checked the client's (empty) certificate; the server then closes the
  // connection. Observed with gRPC 1.51: no alert reaches the client, which
  // sees EOF ("unexpected eof while reading") or a reset, never a byte of
  // HTTP/2.
  TlsOutcome tls13 = TlsProbe(started.handshake.address, der, nullptr, TLS1_3_VERSION);
  INFO("TLS 1.3: handshake " << tls13.handshake << ", error: " << tls13.error);
  CHECK_FALSE(tls13.exchanged);

  // TLS 1.2: the refusal comes within the handshake.
  TlsOutcome tls12 = TlsProbe(started.handshake.address, der, nullptr, TLS1_2_VERSION);
  INFO("TLS 1.2 error: " << tls12.error);
  CHECK_FALSE(tls12.handshake);
  CheckServerHandshakeError(started.process.Stderr(), "peer did not return a certificate");

  // And through gRPC: a TLS channel without a client certificate gets nothing.
  auto channel = Connect(started.handshake, nullptr);
  CallResult call = CallEmpty(channel, SchemaMethod(6), milliseconds(5000));
  CHECK(call.status.error_code() == grpc::StatusCode::UNAVAILABLE);

  // A certificate the server was not told about is refused just the same.
  const ClientCert stranger = GenerateClientCert("P-521");
  TlsOutcome wrong = TlsProbe(started.handshake.address, der, &stranger, TLS1_3_VERSION);
  INFO("stranger's TLS error: " << wrong.error);
  CHECK_FALSE(wrong.exchanged);
  CheckServerHandshakeError(started.process.Stderr(), "certificate verify failed");
}

// What this Debian's gRPC 1.51 with OpenSSL 3 accepts, recorded as observed.
// The gRPC server restricts its key-exchange groups to P-256 (it calls
// SSL_CTX_set_tmp_ecdh with P-256, which sets the groups list to just that).
// In TLS 1.2 OpenSSL requires an ECDSA peer certificate's curve to be one of
// the groups the server supports, so a P-521 client certificate fails with
// "wrong curve"; a P-256 one passes. TLS 1.3 ties the curve to the signature
// scheme (ecdsa_secp521r1_sha512) rather than to the groups list, so P-521
// works. The client is not told why: gRPC closes the connection without an
// alert, so OpenSSL on our side sees EOF mid-handshake; the reason appears only
// in the provider's log ("wrong curve"). go-plugin's client (Go crypto/tls,
// MinVersion 1.2, max 1.3) always negotiates TLS 1.3 with us, which is why
// OpenTofu and Terraform connect.
TEST_CASE("TLS 1.2 versus 1.3 with P-521 and P-256 client certificates",
          "[serve][handshake][tls]") {
  REQUIRE_PROVIDER_BINARY(binary);
  const ClientCert p521 = GenerateClientCert("P-521");
  const ClientCert p256 = GenerateClientCert("P-256");

  struct Case {
    const char* name;
    const ClientCert& cert;
    int max_version;
    bool accepted;
    const char* server_error;  // the reason the provider logs when it refuses
  };
  const Case cases[] = {
      {"P-521 over TLS 1.3", p521, TLS1_3_VERSION, true, ""},
      {"P-521 over TLS 1.2", p521, TLS1_2_VERSION, false, "wrong curve"},
      {"P-256 over TLS 1.3", p256, TLS1_3_VERSION, true, ""},
      {"P-256 over TLS 1.2", p256, TLS1_2_VERSION, true, ""},
  };
  for (const Case& c : cases) {
    // The server trusts exactly the certificate in PLUGIN_CLIENT_CERT.
    LaunchOptions options;
    options.client_cert_pem = c.cert.cert_pem;
    Started started = Start(binary, options);
    TlsOutcome tls = TlsProbe(started.handshake.address, ServerCertDer(started.handshake), &c.cert,
                              c.max_version);
    INFO(c.name << ": handshake " << tls.handshake << ", exchanged " << tls.exchanged
                << ", version 0x" << std::hex << tls.version << std::dec << ", error: " << tls.error
                << "; provider stderr: " << started.process.Stderr());
    if (c.accepted) {
      CHECK(tls.handshake);
      CHECK(tls.version == c.max_version);
      CHECK(tls.exchanged);
    } else {
      CHECK_FALSE(tls.handshake);
      CheckServerHandshakeError(started.process.Stderr(), c.server_error);
    }
  }
}

TEST_CASE("without PLUGIN_CLIENT_CERT the provider serves plaintext", "[serve][handshake]") {
  REQUIRE_PROVIDER_BINARY(binary);
  Started started = Start(binary, LaunchOptions{});
  INFO("handshake line: " << started.line);
  REQUIRE(started.handshake.fields.size() == 6);
  CHECK(started.handshake.server_cert_b64.empty());
  auto channel = Connect(started.handshake, nullptr);  // insecure credentials
  CheckSchemaResponse(CallEmpty(channel, SchemaMethod(6), kStartTimeout));
}

// go-plugin serves grpc.health.v1.Health with "plugin" SERVING next to every
// plugin and its client's Ping checks it (hashicorp/go-plugin grpc_server.go
// and grpc_client.go); grpc-go's health.Server answers "" SERVING too and an
// unknown service NOT_FOUND (google.golang.org/grpc health/server.go Check).
TEST_CASE("the health check answers as go-plugin's does", "[serve][handshake]") {
  REQUIRE_PROVIDER_BINARY(binary);
  const ClientCert client = GenerateClientCert();
  LaunchOptions options;
  options.client_cert_pem = client.cert_pem;
  Started started = Start(binary, options);
  auto stub = grpc::health::v1::Health::NewStub(Connect(started.handshake, &client));
  auto check = [&](const std::string& service, grpc::health::v1::HealthCheckResponse& response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kStartTimeout);
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    return stub->Check(&context, request, &response);
  };
  for (const char* service : {"plugin", ""}) {
    grpc::health::v1::HealthCheckResponse response;
    grpc::Status status = check(service, response);
    INFO("service \"" << service << "\": " << status.error_message());
    REQUIRE(status.ok());
    CHECK(response.status() == grpc::health::v1::HealthCheckResponse::SERVING);
  }
  grpc::health::v1::HealthCheckResponse response;
  CHECK(check("tfplugin6.Provider", response).error_code() == grpc::StatusCode::NOT_FOUND);
}

#ifdef __linux__
// gRPC's default health check service uses the callback API, which (with the
// epoll poller) starts a completion queue drained by its own "nexting_thread"
// threads, cores / 2 of them clamped to 2..16 (grpc/grpc
// src/cpp/common/completion_queue_cc.cc, CallbackAlternativeCQ): CPU and
// memory at every start for a service the client may never call. The
// synchronous one needs none.
TEST_CASE("serving starts no gRPC callback-queue threads", "[serve][handshake]") {
  REQUIRE_PROVIDER_BINARY(binary);
  LaunchOptions options;
  options.client_cert_pem = GenerateClientCert().cert_pem;
  Started started = Start(binary, options);
  std::vector<std::string> names;
  for (const auto& task :
       fs::directory_iterator("/proc/" + std::to_string(started.process.pid()) + "/task")) {
    std::ifstream comm(task.path() / "comm");
    std::string name;
    std::getline(comm, name);
    names.push_back(name);
  }
  INFO("threads: " << names.size());
  for (const auto& name : names) CHECK(name != "nexting_thread");
}
#endif

TEST_CASE("GRPCController/Shutdown stops the provider and removes its socket directory",
          "[serve][handshake]") {
  REQUIRE_PROVIDER_BINARY(binary);
  const ClientCert client = GenerateClientCert();
  LaunchOptions options;
  options.client_cert_pem = client.cert_pem;
  Started started = Start(binary, options);
  const fs::path dir = fs::path(started.handshake.address).parent_path();
  REQUIRE(fs::exists(dir));

  auto channel = Connect(started.handshake, &client);
  CheckSchemaResponse(CallEmpty(channel, SchemaMethod(6), kStartTimeout));
  CallResult call = CallEmpty(channel, kShutdownMethod, kStartTimeout);
  INFO("Shutdown status " << call.status.error_code() << ": " << call.status.error_message());
  CHECK(call.status.ok());
  // A bound against a hang, not a measure of speed (that is bench/'s job):
  // under ASan on a loaded machine an exit can take seconds.
  CHECK(started.process.Wait(kStartTimeout) == 0);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("the provider exits when its parent process dies", "[serve][handshake]") {
  REQUIRE_PROVIDER_BINARY(binary);
  LaunchOptions options;
  options.client_cert_pem = GenerateClientCert().cert_pem;
  // Started from an intermediate process, which exits once the provider is
  // serving (it notes its parent at start-up).
  Started started = Start(binary, options, /*intermediate=*/true);
  const fs::path dir = fs::path(started.handshake.address).parent_path();
  started.process.ReleaseParent();
  // Wait reports -1 (gone, status unknown) for an orphan, nullopt if still running.
  CHECK(started.process.Wait(milliseconds(5000)) == -1);
  CHECK_FALSE(fs::exists(dir));
}

TEST_CASE("the -debug flag prints TF_REATTACH_PROVIDERS and stops on SIGINT",
          "[serve][handshake]") {
  REQUIRE_PROVIDER_BINARY(binary);
  LaunchOptions options;
  options.magic_cookie = false;  // debug mode is started by hand, without a client
  ChildProcess process = ChildProcess::Spawn({binary, "-debug"}, PluginEnvironment(options));

  std::string reattach;
  const std::string marker = "TF_REATTACH_PROVIDERS='";
  while (auto line = process.ReadLine(kStartTimeout)) {
    if (size_t at = line->find(marker); at != std::string::npos) {
      size_t end = line->rfind('\'');
      REQUIRE(end > at + marker.size());
      reattach = line->substr(at + marker.size(), end - at - marker.size());
      break;
    }
  }
  INFO("provider stderr: " << process.Stderr());
  REQUIRE_FALSE(reattach.empty());
  INFO("TF_REATTACH_PROVIDERS=" << reattach);

  simdjson::dom::parser parser;
  simdjson::dom::object providers;
  REQUIRE(parser.parse(reattach).get(providers) == simdjson::SUCCESS);
  REQUIRE(providers.size() >= 1);
  std::string socket;
  for (auto [address, entry] : providers) {
    INFO("provider address " << address);
    std::string_view protocol, network, addr;
    int64_t version = 0, pid = 0;
    CHECK(entry["Protocol"].get(protocol) == simdjson::SUCCESS);
    CHECK(protocol == "grpc");
    CHECK(entry["ProtocolVersion"].get(version) == simdjson::SUCCESS);
    CHECK(version == 6);
    CHECK(entry["Pid"].get(pid) == simdjson::SUCCESS);
    CHECK(pid == process.pid());
    CHECK(entry["Addr"]["Network"].get(network) == simdjson::SUCCESS);
    CHECK(network == "unix");
    CHECK(entry["Addr"]["String"].get(addr) == simdjson::SUCCESS);
    socket = std::string(addr);
  }
  struct stat st {};
  REQUIRE(::stat(socket.c_str(), &st) == 0);
  CHECK(S_ISSOCK(st.st_mode));

  process.Signal(SIGINT);
  CHECK(process.Wait(milliseconds(5000)) == 0);
  CHECK_FALSE(fs::exists(fs::path(socket).parent_path()));
}

}  // namespace
}  // namespace vers::plugin_process
