#include "local/sni_pump.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <vector>

namespace vers::local {
namespace {

bool SendAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

UniqueFd ConnectLoopback(int port) {
  UniqueFd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s.valid()) return s;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(s.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return UniqueFd();
  int one = 1;
  ::setsockopt(s.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return s;
}

// Copies bytes between the TLS session and the backend until either side ends.
// Relays until either side closes, or until a fault in `faults` ends it. With read-ahead
// OpenSSL takes in what the socket holds at once, and the records it already
// has are decrypted into one buffer and sent with one call: bulk uploads cost
// a fraction of the system calls of one record (16 KiB) at a time.
void Pump(SSL* ssl, int client, int backend, const SniFront::ConnFaults& faults) {
  std::vector<char> storage(256 * 1024);
  char* buf = storage.data();
  const int size = static_cast<int>(storage.size());
  int64_t from_client = 0;
  for (;;) {
    if (!SSL_has_pending(ssl)) {
      pollfd p[2] = {{client, POLLIN, 0}, {backend, POLLIN, 0}};
      int ready =
          ::poll(p, 2, faults.idle_timeout_ms > 0 ? static_cast<int>(faults.idle_timeout_ms) : -1);
      if (ready == 0) return;  // idle for too long
      if (ready < 0) {
        if (errno == EINTR) continue;
        return;
      }
      if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
        ssize_t n = ::recv(backend, buf, storage.size(), 0);
        if (n <= 0 || SSL_write(ssl, buf, static_cast<int>(n)) <= 0) return;
      }
      if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
    }
    int n = SSL_read(ssl, buf, size);
    if (n <= 0) {
      int err = SSL_get_error(ssl, n);
      if (err == SSL_ERROR_WANT_READ || err == SSL_ERROR_WANT_WRITE) continue;
      ::shutdown(backend, SHUT_WR);
      return;
    }
    // Records already read in are decrypted without touching the socket.
    while (n < size && SSL_has_pending(ssl)) {
      int more = SSL_read(ssl, buf + n, size - n);
      if (more <= 0) break;  // a non-data record, or the end: the next round sees it
      n += more;
    }
    if (!SendAll(backend, buf, static_cast<size_t>(n))) return;
    from_client += n;
    if (faults.cut_after_bytes > 0 && from_client > faults.cut_after_bytes) return;
  }
}

}  // namespace vers::local
