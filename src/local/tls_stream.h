// TlsStream: an httplib::Stream over an established TLS session whose reads
// stop at a deadline and after a byte budget, so that a server can bound how
// long and how much a client may take to send a request head or body.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstddef>

#include "local/tls_io.h"

namespace vers::local {

class TlsStream : public httplib::Stream {
 public:
  // `ssl` has completed its handshake on `fd`, which is made non-blocking.
  // Each wait for the socket lasts at most `io_timeout`. Reads have no
  // deadline nor budget until LimitReads.
  TlsStream(SSL* ssl, int fd, std::chrono::milliseconds io_timeout);

  // From now on reads fail once `deadline` has passed, and after `budget`
  // more bytes.
  void LimitReads(Clock::time_point deadline, size_t budget);

  // Waits until request bytes can be read (or the peer is gone) by
  // `deadline`: an idle kept-alive connection. False on the deadline.
  bool WaitReadable(Clock::time_point deadline) const;

  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return fd_; }

 private:
  // Waits for what the last TLS call on the session wanted; false when that
  // is not a wait, or when it did not come by `deadline`.
  bool WaitFor(int ssl_result, Clock::time_point deadline) const;
  Clock::time_point IoDeadline() const { return Clock::now() + io_timeout_; }

  SSL* ssl_;
  int fd_;
  std::chrono::milliseconds io_timeout_;
  Clock::time_point read_deadline_ = Clock::time_point::max();
  size_t read_budget_ = static_cast<size_t>(-1);
};

}  // namespace vers::local
