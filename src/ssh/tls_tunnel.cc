#include "ssh/tls_tunnel.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

#include "client/tls_failure.h"
#include "ssh/posix_fd.h"

namespace vers::ssh {

namespace {

std::string OpenSslError() {
  unsigned long e = ERR_get_error();
  if (e == 0) return "unknown TLS error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  ERR_clear_error();
  return buf;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Connects a TCP socket with a timeout. Names under .localhost are loopback
// (RFC 6761) whatever the resolver says.
Result<int> ConnectTcp(const std::string& host, int port, std::chrono::milliseconds timeout) {
  std::string target = (host == "localhost" || EndsWith(host, ".localhost")) ? "127.0.0.1" : host;
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  int rc = ::getaddrinfo(target.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (rc != 0) return Status::Error("cannot resolve " + host + ": " + gai_strerror(rc));
  std::unique_ptr<addrinfo, void (*)(addrinfo*)> list(found, ::freeaddrinfo);
  std::string last = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    int fd = NewSocket(a->ai_family, a->ai_socktype, a->ai_protocol, /*nonblocking=*/true);
    if (fd < 0) continue;
    if (::connect(fd, a->ai_addr, a->ai_addrlen) != 0 && errno != EINPROGRESS) {
      last = std::strerror(errno);
      ::close(fd);
      continue;
    }
    pollfd p{fd, POLLOUT, 0};
    int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
    int err = 0;
    socklen_t len = sizeof err;
    if (ready == 1) ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (ready == 1 && err == 0) {
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      // A peer that vanished (no FIN, no RST) is noticed in about a minute
      // instead of never, so a command waiting on it fails.
      SetTcpKeepAlive(fd, /*idle_s=*/30, /*interval_s=*/10, /*count=*/3);
      return fd;
    }
    last = ready == 0 ? "timed out" : std::strerror(err != 0 ? err : errno);
    ::close(fd);
  }
  return Status::Error("cannot connect to " + host + ":" + std::to_string(port) + ": " + last);
}

}  // namespace

Result<std::unique_ptr<TlsTunnel>> TlsTunnel::Open(const TlsOptions& o) {
  std::unique_ptr<TlsTunnel> t(new TlsTunnel());  // private constructor
  t->ctx_.reset(SSL_CTX_new(TLS_client_method()));
  if (!t->ctx_) return Status::Error("TLS setup failed: " + OpenSslError());
  SSL_CTX* ctx = t->ctx_.get();
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  if (o.insecure) {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, nullptr);
  } else {
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
    int loaded = o.ca_cert_file.empty()
                     ? SSL_CTX_set_default_verify_paths(ctx)
                     : SSL_CTX_load_verify_locations(ctx, o.ca_cert_file.c_str(), nullptr);
    // Like a certificate that does not verify, a CA file that cannot be
    // loaded stays so: kUnauthorized, which the SSH connect does not retry.
    if (loaded != 1) {
      std::string reason = OpenSslError();
      return Status::Unauthorized("cannot load the CA certificates: " + reason + ". " +
                                  client::UnloadableCaFileAdvice(o.ca_cert_file));
    }
  }
  auto fd = ConnectTcp(o.connect_host, o.port, o.connect_timeout);
  if (!fd.ok()) return fd.status();
  t->tcp_fd_ = fd.value();

  t->ssl_.reset(SSL_new(ctx));
  SSL* ssl = t->ssl_.get();
  SSL_set_fd(ssl, t->tcp_fd_);
  SSL_set_tlsext_host_name(ssl, o.server_name.c_str());
  if (!o.insecure) SSL_set1_host(ssl, o.server_name.c_str());
  // Non-application records (session tickets) must not block a read that
  // poll() announced: the pump then goes back to poll().
  SSL_clear_mode(ssl, SSL_MODE_AUTO_RETRY);
  timeval tv{static_cast<time_t>(o.connect_timeout.count() / 1000),
             static_cast<suseconds_t>((o.connect_timeout.count() % 1000) * 1000)};
  ::setsockopt(t->tcp_fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (SSL_connect(ssl) != 1) {
    long verify = SSL_get_verify_result(ssl);
    std::string where = "TLS handshake with " + o.server_name + " (" + o.connect_host + ":" +
                        std::to_string(o.port) + ") failed: ";
    // A certificate we do not trust will not become trusted by retrying.
    if (verify != X509_V_OK)
      return Status::Unauthorized(
          where + "certificate verification: " + X509_verify_cert_error_string(verify) + ". " +
          client::UntrustedCertificateAdvice(o.ca_cert_file));
    return Status::Error(where + OpenSslError());
  }
  timeval none{0, 0};
  ::setsockopt(t->tcp_fd_, SOL_SOCKET, SO_RCVTIMEO, &none, sizeof none);

  int pair[2];
  if (!NewSocketPair(pair) || !NewPipe(t->wake_))
    return Status::Error(std::string("socketpair: ") + std::strerror(errno));
  t->local_fd_ = pair[0];
  t->pump_fd_ = pair[1];
  t->pump_ = std::thread([raw = t.get()] { raw->Pump(); });
  return t;
}

TlsTunnel::~TlsTunnel() {
  if (pump_.joinable()) {
    char b = 0;
    (void)!::write(wake_[1], &b, 1);
    pump_.join();
  }
  if (ssl_) SSL_shutdown(ssl_.get());
  for (int fd : {tcp_fd_, local_fd_, pump_fd_, wake_[0], wake_[1]})
    if (fd >= 0) ::close(fd);
}

std::string TlsTunnel::protocol() const { return ssl_ ? SSL_get_version(ssl_.get()) : ""; }

// Relays until either side closes or the tunnel is destroyed. Blocking I/O
// driven by poll(): TLS records are read whole once poll() says bytes are
// there (SSL_pending covers what OpenSSL already buffered).
void TlsTunnel::Pump() {
  SSL* ssl = ssl_.get();
  // Large reads from libssh's side let one SSL_write fill many records in a
  // row: 256 KiB measured 7-9% faster uploads than 64 KiB.
  std::vector<char> storage(256 * 1024);
  char* buf = storage.data();
  const size_t size = storage.size();
  while (true) {
    if (SSL_pending(ssl) == 0) {
      pollfd p[3] = {{tcp_fd_, POLLIN, 0}, {pump_fd_, POLLIN, 0}, {wake_[0], POLLIN, 0}};
      if (::poll(p, 3, -1) < 0) {
        if (errno == EINTR) continue;
        break;
      }
      if (p[2].revents) break;
      if (p[1].revents & (POLLIN | POLLHUP)) {
        ssize_t n = ::read(pump_fd_, buf, size);
        if (n <= 0) break;  // libssh closed its end
        if (SSL_write(ssl, buf, static_cast<int>(n)) <= 0) break;
        bytes_sent_ += static_cast<uint64_t>(n);
      }
      if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    }
    int n = SSL_read(ssl, buf, static_cast<int>(size));
    if (n <= 0) {
      int err = SSL_get_error(ssl, n);
      if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) continue;
      break;  // closed or failed: libssh sees EOF
    }
    for (int off = 0; off < n;) {
      ssize_t w = ::write(pump_fd_, buf + off, static_cast<size_t>(n - off));
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return;
      off += static_cast<int>(w);
    }
  }
  ::shutdown(pump_fd_, SHUT_RDWR);
}

}  // namespace vers::ssh
