// Starting a provider binary the way a go-plugin client (Terraform, OpenTofu)
// does, and talking to it: the environment with the magic cookie and a fresh
// client certificate, the handshake line on stdout, and a gRPC channel over the
// announced unix socket with mutual TLS.
//
// Header-only on purpose: the unit tests (test/**/*_test.cc) and
// bench/handshake_bench.cc both include it, and the build compiles only those
// file patterns. Everything throws plugin_process::Error on a setup failure,
// with a message that says what could not be done.
#pragma once

#include <fcntl.h>
#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace vers::plugin_process {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// What Terraform and OpenTofu put in the plugin's environment.
inline constexpr const char* kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr const char* kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

inline std::string ErrnoMessage(const std::string& what, int err = errno) {
  return what + ": " + std::strerror(err);
}

// ---------------------------------------------------------------------------
// Ownership of file descriptors and OpenSSL objects.

class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : fd_(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept {
    if (this != &other) reset(std::exchange(other.fd_, -1));
    return *this;
  }
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd() { reset(); }

  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  void reset(int fd = -1) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_ = -1;
};

struct Pipe {
  UniqueFd read;
  UniqueFd write;
};

// Both ends close-on-exec; posix_spawn's dup2 clears the flag on the copy.
inline Pipe MakePipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw Error(ErrnoMessage("pipe2"));
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

template <auto Free>
struct OpenSslFree {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, OpenSslFree<EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, OpenSslFree<X509_free>>;
using X509ExtPtr = std::unique_ptr<X509_EXTENSION, OpenSslFree<X509_EXTENSION_free>>;
using BioPtr = std::unique_ptr<BIO, OpenSslFree<BIO_free_all>>;
using BignumPtr = std::unique_ptr<BIGNUM, OpenSslFree<BN_free>>;

// The OpenSSL error queue as text (and emptied), for error messages.
inline std::string OpenSslErrors() {
  std::string out;
  while (unsigned long e = ::ERR_get_error()) {
    char buf[256];
    ::ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no OpenSSL error recorded" : out;
}

[[noreturn]] inline void ThrowOpenSsl(const std::string& what) {
  throw Error(what + ": " + OpenSslErrors());
}

inline std::string BioContents(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, static_cast<size_t>(n));
}

// ---------------------------------------------------------------------------
// Certificates.

struct ClientCert {
  std::string cert_pem;
  std::string key_pem;
};

// A self-signed certificate like go-plugin's AutoMTLS client certificate:
// ECDSA on `curve` (an OpenSSL group name: "P-521" as go-plugin uses, or
// "P-256"), CN and DNS SAN localhost, organization HashiCorp, a CA usable for
// client and server auth, valid from 30 s ago for 30 years.
inline ClientCert GenerateClientCert(const std::string& curve = "P-521") {
  PkeyPtr key(::EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", curve.c_str()));
  if (!key) ThrowOpenSsl("generating an EC key on " + curve);

  X509Ptr cert(::X509_new());
  if (!cert) ThrowOpenSsl("X509_new");
  BignumPtr serial(::BN_new());
  if (!serial || !::BN_rand(serial.get(), 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) ||
      !::BN_to_ASN1_INTEGER(serial.get(), ::X509_get_serialNumber(cert.get()))) {
    ThrowOpenSsl("certificate serial number");
  }
  X509_NAME* name = ::X509_get_subject_name(cert.get());
  auto text = [](const char* s) { return reinterpret_cast<const unsigned char*>(s); };
  if (!::X509_set_version(cert.get(), X509_VERSION_3) ||
      !::X509_gmtime_adj(X509_getm_notBefore(cert.get()), -30) ||
      !::X509_gmtime_adj(X509_getm_notAfter(cert.get()), 262980L * 3600) ||
      !::X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, text("HashiCorp"), -1, -1, 0) ||
      !::X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, text("localhost"), -1, -1, 0) ||
      !::X509_set_issuer_name(cert.get(), name) || !::X509_set_pubkey(cert.get(), key.get())) {
    ThrowOpenSsl("filling in the certificate");
  }
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  ::X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
  const std::pair<int, const char*> extensions[] = {
      {NID_basic_constraints, "critical,CA:TRUE"},
      {NID_key_usage, "critical,digitalSignature,keyEncipherment,keyAgreement,keyCertSign"},
      {NID_ext_key_usage, "clientAuth,serverAuth"},
      {NID_subject_alt_name, "DNS:localhost"},
      {NID_subject_key_identifier, "hash"},
  };
  for (const auto& [nid, value] : extensions) {
    X509ExtPtr ext(::X509V3_EXT_conf_nid(nullptr, &ctx, nid, value));
    if (!ext || !::X509_add_ext(cert.get(), ext.get(), -1))
      ThrowOpenSsl("extension " + std::string(value));
  }
  // Go signs with the hash that matches the curve's size.
  const EVP_MD* digest = curve == "P-521"   ? ::EVP_sha512()
                         : curve == "P-384" ? ::EVP_sha384()
                                            : ::EVP_sha256();
  if (!::X509_sign(cert.get(), key.get(), digest)) ThrowOpenSsl("signing the certificate");

  BioPtr cert_bio(::BIO_new(::BIO_s_mem()));
  BioPtr key_bio(::BIO_new(::BIO_s_mem()));
  if (!cert_bio || !key_bio || !::PEM_write_bio_X509(cert_bio.get(), cert.get()) ||
      // "EC PRIVATE KEY", as Go's x509.MarshalECPrivateKey writes it.
      !::PEM_write_bio_PrivateKey_traditional(key_bio.get(), key.get(), nullptr, nullptr, 0,
                                              nullptr, nullptr)) {
    ThrowOpenSsl("writing PEM");
  }
  return ClientCert{BioContents(cert_bio.get()), BioContents(key_bio.get())};
}

inline std::string DerToPem(std::string_view der) {
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  X509Ptr cert(::d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert) ThrowOpenSsl("parsing the DER certificate");
  BioPtr bio(::BIO_new(::BIO_s_mem()));
  if (!bio || !::PEM_write_bio_X509(bio.get(), cert.get())) ThrowOpenSsl("writing PEM");
  return BioContents(bio.get());
}

// Decodes standard base64 without '=' padding (Go's RawStdEncoding); nullopt
// on any character outside the alphabet, on padding, or on a dangling sextet.
inline std::optional<std::string> DecodeBase64RawStd(std::string_view in) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    size_t v = kAlphabet.find(c);
    if (v == std::string_view::npos) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The plugin's environment and handshake line.

struct LaunchOptions {
  bool magic_cookie = true;
  // PLUGIN_CLIENT_CERT; empty leaves it unset, as a client without AutoMTLS does.
  std::string client_cert_pem;
  // OpenTofu offers both provider protocol versions.
  std::string protocol_versions = "5,6";
};

// This process's environment less anything go-plugin sets, plus what
// go-plugin's client sets (magic cookie, port range, protocol versions,
// client certificate).
inline std::vector<std::string> PluginEnvironment(const LaunchOptions& options) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    if (entry.starts_with(kMagicCookieKey) || entry.starts_with("PLUGIN_")) continue;
    env.emplace_back(entry);
  }
  if (options.magic_cookie) env.push_back(std::string(kMagicCookieKey) + "=" + kMagicCookieValue);
  env.push_back("PLUGIN_MIN_PORT=10000");
  env.push_back("PLUGIN_MAX_PORT=25000");
  env.push_back("PLUGIN_PROTOCOL_VERSIONS=" + options.protocol_versions);
  if (!options.client_cert_pem.empty())
    env.push_back("PLUGIN_CLIENT_CERT=" + options.client_cert_pem);
  return env;
}

// "CORE|APP|NETWORK|ADDRESS|PROTOCOL|SERVER_CERT", as go-plugin servers print it.
struct Handshake {
  std::vector<std::string> fields;
  int core_version = 0;
  int app_version = 0;
  std::string network;
  std::string address;
  std::string protocol;
  std::string server_cert_b64;  // empty: plaintext
};

inline std::optional<Handshake> ParseHandshake(std::string_view line) {
  Handshake h;
  size_t start = 0;
  while (true) {
    size_t bar = line.find('|', start);
    h.fields.emplace_back(line.substr(start, bar == std::string_view::npos ? bar : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  if (h.fields.size() < 5) return std::nullopt;
  try {
    h.core_version = std::stoi(h.fields[0]);
    h.app_version = std::stoi(h.fields[1]);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  h.network = h.fields[2];
  h.address = h.fields[3];
  h.protocol = h.fields[4];
  if (h.fields.size() >= 6) h.server_cert_b64 = h.fields[5];
  return h;
}

// ---------------------------------------------------------------------------
// Child processes.

// A started process: stdin /dev/null, stdout a pipe we read, stderr an
// anonymous temporary file (it never blocks the child, and can be read at any
// time). The destructor stops (SIGTERM, then SIGKILL) and reaps a process
// still running.
class ChildProcess {
 public:
  // Starts argv[0] (a path) with exactly `env`.
  static ChildProcess Spawn(const std::vector<std::string>& argv,
                            const std::vector<std::string>& env) {
    Prepared prepared(argv, env);
    pid_t pid = -1;
    int rc = ::posix_spawn(&pid, prepared.argv[0], &prepared.actions, &prepared.attr,
                           prepared.argv.data(), prepared.envp.data());
    if (rc != 0) throw Error(ErrnoMessage("cannot start " + argv[0], rc));
    return ChildProcess(pid, /*ours=*/true, std::move(prepared));
  }

  // Starts argv[0] from an intermediate child process, which stays until
  // ReleaseParent() (or destruction) makes it exit: the process then loses its
  // parent, is reparented to init or a subreaper, and is not ours to reap (Wait
  // then reports -1 for "gone, status unknown").
  static ChildProcess SpawnWithIntermediate(const std::vector<std::string>& argv,
                                            const std::vector<std::string>& env) {
    Prepared prepared(argv, env);
    Pipe report = MakePipe();
    Pipe release = MakePipe();
    pid_t middle = ::fork();
    if (middle < 0) throw Error(ErrnoMessage("fork"));
    if (middle == 0) {
      // This copy of a possibly multi-threaded process may only make
      // async-signal-safe calls; glibc's posix_spawn (clone + exec, no
      // allocation) is fine in practice, the rest is plain system calls.
      pid_t pid = -1;
      int rc = ::posix_spawn(&pid, prepared.argv[0], &prepared.actions, &prepared.attr,
                             prepared.argv.data(), prepared.envp.data());
      pid_t value = rc == 0 ? pid : -rc;
      ssize_t ignored = ::write(report.write.get(), &value, sizeof value);
      (void)ignored;
      // Wait for ReleaseParent: EOF once the parent closes its write end.
      ::close(release.write.get());
      char byte;
      while (::read(release.read.get(), &byte, 1) < 0 && errno == EINTR) {
      }
      ::_exit(0);
    }
    report.write.reset();
    pid_t value = 0;
    ssize_t n = ::read(report.read.get(), &value, sizeof value);
    if (n != static_cast<ssize_t>(sizeof value) || value < 0) {
      release.write.reset();
      int status = 0;
      ::waitpid(middle, &status, 0);
      if (n != static_cast<ssize_t>(sizeof value)) throw Error("the intermediate process died");
      throw Error(ErrnoMessage("cannot start " + argv[0], -value));
    }
    ChildProcess child(value, /*ours=*/false, std::move(prepared));
    child.middle_ = middle;
    child.release_ = std::move(release.write);
    return child;
  }

  // Ends the intermediate process of SpawnWithIntermediate (and reaps it).
  void ReleaseParent() {
    if (middle_ <= 0) return;
    release_.reset();
    int status = 0;
    ::waitpid(std::exchange(middle_, -1), &status, 0);
  }

  ChildProcess(ChildProcess&& other) noexcept
      : pid_(std::exchange(other.pid_, -1)),
        ours_(other.ours_),
        exit_code_(other.exit_code_),
        stdout_(std::move(other.stdout_)),
        stderr_(std::move(other.stderr_)),
        pidfd_(std::move(other.pidfd_)),
        buffer_(std::move(other.buffer_)),
        middle_(std::exchange(other.middle_, -1)),
        release_(std::move(other.release_)) {}
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // A process still running gets SIGTERM (the provider then shuts down
  // cleanly and removes its socket directory), and SIGKILL after 2 s.
  ~ChildProcess() {
    ReleaseParent();
    if (pid_ <= 0 || exit_code_) return;
    ::kill(pid_, SIGTERM);
    try {
      WaitOrKill(milliseconds(2000));
    } catch (const Error&) {
      ::kill(pid_, SIGKILL);
    }
  }

  pid_t pid() const { return pid_; }
  void Signal(int sig) const { ::kill(pid_, sig); }

  // The next line from stdout, without its newline; nullopt on timeout or EOF.
  std::optional<std::string> ReadLine(milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (true) {
      if (size_t nl = buffer_.find('\n'); nl != std::string::npos) {
        std::string line = buffer_.substr(0, nl);
        buffer_.erase(0, nl + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line;
      }
      if (!ReadSome(deadline)) return std::nullopt;
    }
  }

  // Everything left on stdout until EOF (or the timeout).
  std::string ReadStdoutToEnd(milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    while (ReadSome(deadline)) {
    }
    return std::exchange(buffer_, {});
  }

  // What the process wrote to stderr so far.
  std::string Stderr() const {
    std::string out;
    char buf[4096];
    off_t offset = 0;
    // pread leaves the file offset, which the child shares, alone.
    while (true) {
      ssize_t n = ::pread(stderr_.get(), buf, sizeof buf, offset);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
      offset += n;
    }
    return out;
  }

  // Waits for the process to end. Returns its exit code (128 + signal number
  // when killed by a signal; -1 for an orphan, whose status we cannot know),
  // or nullopt if it is still running after `timeout`.
  std::optional<int> Wait(milliseconds timeout) {
    if (exit_code_) return exit_code_;
    const auto deadline = Clock::now() + timeout;
    while (true) {
      if (ours_) {
        int status = 0;
        pid_t r = ::waitpid(pid_, &status, WNOHANG);
        if (r == pid_) {
          exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
          return exit_code_;
        }
        if (r < 0 && errno != EINTR) throw Error(ErrnoMessage("waitpid"));
      } else if (!OrphanAlive()) {
        exit_code_ = -1;
        return exit_code_;
      }
      const auto now = Clock::now();
      if (now >= deadline) return std::nullopt;
      auto left = std::chrono::duration_cast<milliseconds>(deadline - now) + milliseconds(1);
      if (pidfd_.valid()) {
        // Readable when the process exits: wakes us without polling delay.
        pollfd p{pidfd_.get(), POLLIN, 0};
        ::poll(&p, 1, static_cast<int>(std::min<milliseconds::rep>(left.count(), 50)));
      } else {
        std::this_thread::sleep_for(std::min(left, milliseconds(1)));
      }
    }
  }

  // Waits up to `grace`, then kills the process and waits for that.
  int WaitOrKill(milliseconds grace) {
    if (auto code = Wait(grace)) return *code;
    ::kill(pid_, SIGKILL);
    return Wait(milliseconds(5000)).value_or(-1);
  }

 private:
  // Everything posix_spawn needs, built before any fork: C strings, file
  // actions (stdin /dev/null, stdout to a pipe, stderr to a temp file) and a
  // clean signal state.
  struct Prepared {
    Prepared(const std::vector<std::string>& args, const std::vector<std::string>& env)
        : args_(args), env_(env), out(MakePipe()) {
      if (args_.empty()) throw Error("no program to start");
      for (auto& a : args_) argv.push_back(a.data());
      argv.push_back(nullptr);
      for (auto& e : env_) envp.push_back(e.data());
      envp.push_back(nullptr);
      err = UniqueFd(::open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
      if (!err.valid()) {
        char name[] = "/tmp/plugin-stderr-XXXXXX";
        err = UniqueFd(::mkostemp(name, O_CLOEXEC));
        if (!err.valid()) throw Error(ErrnoMessage("temporary file for stderr"));
        ::unlink(name);
      }
      ::posix_spawn_file_actions_init(&actions);
      ::posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
      ::posix_spawn_file_actions_adddup2(&actions, out.write.get(), 1);
      ::posix_spawn_file_actions_adddup2(&actions, err.get(), 2);
      ::posix_spawnattr_init(&attr);
      sigset_t none;
      sigemptyset(&none);
      sigset_t defaults;
      sigemptyset(&defaults);
      for (int sig : {SIGINT, SIGTERM, SIGPIPE, SIGHUP}) sigaddset(&defaults, sig);
      ::posix_spawnattr_setsigmask(&attr, &none);
      ::posix_spawnattr_setsigdefault(&attr, &defaults);
      ::posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    }
    ~Prepared() {
      ::posix_spawn_file_actions_destroy(&actions);
      ::posix_spawnattr_destroy(&attr);
    }
    Prepared(const Prepared&) = delete;
    Prepared& operator=(const Prepared&) = delete;

    std::vector<std::string> args_, env_;
    std::vector<char*> argv, envp;
    Pipe out;
    UniqueFd err;
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
  };

  ChildProcess(pid_t pid, bool ours, Prepared&& prepared)
      : pid_(pid),
        ours_(ours),
        stdout_(std::move(prepared.out.read)),
        stderr_(std::move(prepared.err)) {
    // Our copy of the write end would keep stdout from ever reaching EOF.
    prepared.out.write.reset();
#ifdef SYS_pidfd_open
    if (ours_) pidfd_ = UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0)));
#endif
  }

  // Reads what stdout has into buffer_; false on EOF, error, or deadline.
  bool ReadSome(Clock::time_point deadline) {
    while (true) {
      auto left = std::chrono::duration_cast<milliseconds>(deadline - Clock::now());
      if (left.count() < 0) return false;
      pollfd p{stdout_.get(), POLLIN, 0};
      int r = ::poll(&p, 1, static_cast<int>(left.count()) + 1);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return false;
      char buf[4096];
      ssize_t n = ::read(stdout_.get(), buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer_.append(buf, static_cast<size_t>(n));
      return true;
    }
  }

  // An orphan counts as gone once it no longer exists or is a zombie (whose
  // new parent may never reap it).
  bool OrphanAlive() const {
    std::ifstream stat("/proc/" + std::to_string(pid_) + "/stat");
    std::string text;
    if (!stat || !std::getline(stat, text)) return false;
    size_t paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] != 'Z' &&
           text[paren + 2] != 'X';
  }

  pid_t pid_ = -1;
  bool ours_ = true;
  std::optional<int> exit_code_;
  UniqueFd stdout_;
  UniqueFd stderr_;
  UniqueFd pidfd_;
  std::string buffer_;
  pid_t middle_ = -1;  // SpawnWithIntermediate's intermediate process
  UniqueFd release_;   // closing it lets the intermediate process exit
};

// ---------------------------------------------------------------------------
// gRPC.

// A channel to the handshake's address: plaintext when the handshake carries
// no server certificate; otherwise TLS that trusts only that certificate, for
// server name "localhost" as go-plugin dials, presenting `client` when given.
inline std::shared_ptr<grpc::Channel> Connect(const Handshake& handshake,
                                              const ClientCert* client) {
  grpc::ChannelArguments args;
  // Each channel gets its own connection, never one cached from another test.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  std::shared_ptr<grpc::ChannelCredentials> creds = grpc::InsecureChannelCredentials();
  if (!handshake.server_cert_b64.empty()) {
    auto der = DecodeBase64RawStd(handshake.server_cert_b64);
    if (!der) throw Error("the handshake's server certificate is not raw standard base64");
    grpc::SslCredentialsOptions ssl;
    ssl.pem_root_certs = DerToPem(*der);
    if (client != nullptr) {
      ssl.pem_private_key = client->key_pem;
      ssl.pem_cert_chain = client->cert_pem;
    }
    creds = grpc::SslCredentials(ssl);
    args.SetSslTargetNameOverride("localhost");
  }
  return grpc::CreateCustomChannel(handshake.network + ":" + handshake.address, creds, args);
}

// The provider's schema RPC for the handshake's protocol version.
inline std::string SchemaMethod(int app_version) {
  return app_version == 5 ? "/tfplugin5.Provider/GetSchema"
                          : "/tfplugin6.Provider/GetProviderSchema";
}

inline constexpr const char* kShutdownMethod = "/plugin.GRPCController/Shutdown";

struct CallResult {
  grpc::Status status;
  std::string response;  // the serialized response message
};

// Calls a unary method by name with an empty (all-defaults) request message,
// so that no generated code for the method's messages is needed.
inline CallResult CallEmpty(const std::shared_ptr<grpc::Channel>& channel,
                            const std::string& method, milliseconds timeout) {
  grpc::GenericStub stub(channel);
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + timeout);
  grpc::Slice empty;
  grpc::ByteBuffer request(&empty, 1);
  grpc::ByteBuffer response;
  std::promise<grpc::Status> done;
  stub.UnaryCall(&context, method, grpc::StubOptions(), &request, &response,
                 [&done](grpc::Status status) { done.set_value(std::move(status)); });
  CallResult result{done.get_future().get(), {}};
  std::vector<grpc::Slice> slices;
  if (result.status.ok() && response.Dump(&slices).ok()) {
    for (const auto& s : slices)
      result.response.append(reinterpret_cast<const char*>(s.begin()), s.size());
  }
  return result;
}

}  // namespace vers::plugin_process
