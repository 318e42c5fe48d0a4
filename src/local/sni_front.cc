#include "local/sni_front.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <vector>

#include "local/sni_pump.h"
#include "local/tls_io.h"

namespace vers::local {
namespace {

// The backend port chosen by the servername callback, per connection.
struct Route {
  SniFront* front = nullptr;
  int port = 0;
};

}  // namespace

std::optional<std::string> VmIdFromSni(const std::string& name, const std::string& domain) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string suffix = "." + domain;
  if (lower.size() <= suffix.size()) return std::nullopt;
  if (lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) != 0) return std::nullopt;
  std::string id = lower.substr(0, lower.size() - suffix.size());
  if (id.find('.') != std::string::npos) return std::nullopt;
  return id;
}

SniFront::SniFront(std::string vm_domain, Resolver resolver, FaultSource faults)
    : domain_(std::move(vm_domain)), resolver_(std::move(resolver)), faults_(std::move(faults)) {}

SniFront::~SniFront() { Stop(); }

int SniFront::OnServerName(SSL* ssl, int* alert, void* arg) {
  auto* route = static_cast<Route*>(SSL_get_app_data(ssl));
  const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name);
  (void)arg;
  if (!route || !name) {
    *alert = SSL_AD_UNRECOGNIZED_NAME;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  auto id = VmIdFromSni(name, route->front->domain_);
  if (!id) {  // not a name under our domain
    *alert = SSL_AD_UNRECOGNIZED_NAME;
    return SSL_TLSEXT_ERR_ALERT_FATAL;
  }
  // A VM name that is not (yet) running still gets the handshake, as behind
  // a wildcard certificate: the client authenticates us, then sees the
  // connection close and may try again while the VM boots.
  route->port = route->front->resolver_(*id).value_or(0);
  return SSL_TLSEXT_ERR_OK;
}

Status SniFront::Start(const std::string& cert_file, const std::string& key_file,
                       const std::string& host, int port) {
  ctx_.reset(SSL_CTX_new(TLS_server_method()));
  if (!ctx_) return Status::Error("SSL_CTX_new failed");
  SSL_CTX_set_min_proto_version(ctx_.get(), TLS1_2_VERSION);
  if (SSL_CTX_use_certificate_chain_file(ctx_.get(), cert_file.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx_.get(), key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    return Status::Error("loading the TLS certificate for the SSH front failed");
  SSL_CTX_set_tlsext_servername_callback(ctx_.get(), &SniFront::OnServerName);
  listener_.Reset(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  int one = 1;
  ::setsockopt(listener_.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (::inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1)
    return Status::Error("invalid listen address " + host);
  if (::bind(listener_.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
      ::listen(listener_.get(), 64) != 0)
    return Status::Error("SSH front: bind/listen: " + std::string(std::strerror(errno)));
  socklen_t len = sizeof a;
  ::getsockname(listener_.get(), reinterpret_cast<sockaddr*>(&a), &len);
  port_ = ntohs(a.sin_port);
  int pipefd[2];
  if (::pipe2(pipefd, O_CLOEXEC) != 0) return Status::Error("pipe failed");
  wake_read_.Reset(pipefd[0]);
  wake_write_.Reset(pipefd[1]);
  acceptor_ = std::thread([this] { AcceptLoop(); });
  return Status::Ok();
}

void SniFront::AcceptLoop() {
  while (!stopping_) {
    pollfd p[2] = {{listener_.get(), POLLIN, 0}, {wake_read_.get(), POLLIN, 0}};
    if (::poll(p, 2, -1) < 0) continue;
    if (p[1].revents) break;
    UniqueFd fd(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!fd.valid()) continue;
    base::MutexLock lock(mu_);
    for (auto it = conns_.begin(); it != conns_.end();) {
      if ((*it)->done) {
        (*it)->thread.join();
        it = conns_.erase(it);
      } else {
        ++it;
      }
    }
    auto conn = std::make_unique<Conn>();
    conn->fd = std::move(fd);
    Conn* raw = conn.get();
    conn->thread = std::thread([this, raw] { Serve(raw); });
    conns_.push_back(std::move(conn));
  }
}

void SniFront::Serve(Conn* conn) {
  const auto deadline = Clock::now() + handshake_timeout_;
  int one = 1;
  ::setsockopt(conn->fd.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  base::SslPtr ssl(SSL_new(ctx_.get()));
  if (ssl) {  // see Pump: read-ahead into a buffer of many records
    SSL_set_read_ahead(ssl.get(), 1);
    SSL_set_default_read_buffer_len(ssl.get(), 256 * 1024);
  }
  Route route{this, 0};
  if (ssl) {
    SSL_set_app_data(ssl.get(), &route);
    SSL_set_fd(ssl.get(), conn->fd.get());
    // A deadline for the whole handshake: a per-read timeout would restart
    // with every byte a slow client trickles, holding this thread for ever.
    if (AcceptTlsBy(ssl.get(), conn->fd.get(), deadline) && route.port > 0) {
      UniqueFd backend = ConnectLoopback(route.port);
      ConnFaults faults = faults_ ? faults_() : ConnFaults{};
      if (backend.valid()) Pump(ssl.get(), conn->fd.get(), backend.get(), faults);
      SSL_shutdown(ssl.get());
    }
  }
  ERR_clear_error();
  ::shutdown(conn->fd.get(), SHUT_RDWR);
  conn->done = true;
}

void SniFront::Stop() {
  if (stopping_.exchange(true)) return;
  if (wake_write_.valid()) {
    char c = 1;
    (void)!::write(wake_write_.get(), &c, 1);
  }
  if (acceptor_.joinable()) acceptor_.join();
  base::MutexLock lock(mu_);
  for (auto& c : conns_) ::shutdown(c->fd.get(), SHUT_RDWR);
  for (auto& c : conns_) c->thread.join();
  conns_.clear();
}

}  // namespace vers::local
