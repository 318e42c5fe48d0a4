#include "local/tls_stream.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>

#include <algorithm>
#include <climits>

namespace vers::local {

TlsStream::TlsStream(SSL* ssl, int fd, std::chrono::milliseconds io_timeout)
    : ssl_(ssl), fd_(fd), io_timeout_(io_timeout) {
  (void)SetNonBlocking(fd, true);  // if this fails, waits still bound each call
}

void TlsStream::LimitReads(Clock::time_point deadline, size_t budget) {
  read_deadline_ = deadline;
  read_budget_ = budget;
}

bool TlsStream::WaitReadable(Clock::time_point deadline) const {
  return SSL_has_pending(ssl_) || WaitFd(fd_, POLLIN, deadline);
}

bool TlsStream::is_readable() const {
  return SSL_has_pending(ssl_) || WaitFd(fd_, POLLIN, std::min(read_deadline_, IoDeadline()));
}

bool TlsStream::is_writable() const { return WaitFd(fd_, POLLOUT, IoDeadline()); }

ssize_t TlsStream::read(char* ptr, size_t size) {
  if (read_budget_ == 0 || Clock::now() >= read_deadline_) return -1;
  int want = static_cast<int>(std::min({size, read_budget_, static_cast<size_t>(INT_MAX)}));
  for (;;) {
    ERR_clear_error();
    int n = SSL_read(ssl_, ptr, want);
    if (n > 0) {
      read_budget_ -= static_cast<size_t>(n);
      return n;
    }
    if (SSL_get_error(ssl_, n) == SSL_ERROR_ZERO_RETURN) return 0;  // close_notify
    if (!WaitFor(n, std::min(read_deadline_, IoDeadline()))) return -1;
  }
}

ssize_t TlsStream::write(const char* ptr, size_t size) {
  int len = static_cast<int>(std::min(size, static_cast<size_t>(INT_MAX)));
  for (;;) {
    ERR_clear_error();
    int n = SSL_write(ssl_, ptr, len);  // a retry passes the same arguments
    if (n > 0) return n;
    if (!WaitFor(n, IoDeadline())) return -1;
  }
}

bool TlsStream::WaitFor(int ssl_result, Clock::time_point deadline) const {
  switch (SSL_get_error(ssl_, ssl_result)) {
    case SSL_ERROR_WANT_READ:
      return WaitFd(fd_, POLLIN, deadline);
    case SSL_ERROR_WANT_WRITE:
      return WaitFd(fd_, POLLOUT, deadline);
    default:
      return false;
  }
}

void TlsStream::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = PeerAddress(fd_, &port);
}

void TlsStream::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = LocalAddress(fd_, &port);
}

}  // namespace vers::local
