#include "local/tls_io.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>

namespace vers::local {
namespace {

std::string Numeric(const sockaddr_storage& a, int* port) {
  char text[INET6_ADDRSTRLEN] = "";
  int p = 0;
  if (a.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(a);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    p = ntohs(v4.sin_port);
  } else if (a.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(a);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    p = ntohs(v6.sin6_port);
  }
  if (port) *port = p;
  return text;
}

}  // namespace

bool WaitFd(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{fd, events, 0};
    // A far deadline (time_point::max: no limit) waits in slices poll takes.
    int ready = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, INT_MAX)));
    if (ready > 0) return true;  // ready, or hung up: the next I/O call says which
    if (ready < 0 && errno != EINTR) return false;
  }
}

bool SetNonBlocking(int fd, bool on) {
  int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0) return false;
  flags = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
  return ::fcntl(fd, F_SETFL, flags) == 0;
}

bool AcceptTlsBy(SSL* ssl, int fd, Clock::time_point deadline) {
  if (!SetNonBlocking(fd, true)) return false;
  bool done = false;
  for (;;) {
    ERR_clear_error();
    int r = SSL_accept(ssl);
    if (r == 1) {
      done = true;
      break;
    }
    int err = SSL_get_error(ssl, r);
    short events = err == SSL_ERROR_WANT_READ ? POLLIN : err == SSL_ERROR_WANT_WRITE ? POLLOUT : 0;
    if (events == 0 || !WaitFd(fd, events, deadline)) break;
  }
  ERR_clear_error();
  return SetNonBlocking(fd, false) && done;
}

std::string PeerAddress(int fd, int* port) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if (::getpeername(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) a.ss_family = AF_UNSPEC;
  return Numeric(a, port);
}

std::string LocalAddress(int fd, int* port) {
  sockaddr_storage a{};
  socklen_t len = sizeof a;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0) a.ss_family = AF_UNSPEC;
  return Numeric(a, port);
}

}  // namespace vers::local
