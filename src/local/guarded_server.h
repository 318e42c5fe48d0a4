// GuardedHttpsServer: httplib's SSLServer hardened against slow and idle
// clients (slowloris). httplib gives each connection a pooled worker for its
// whole life, with timeouts per read that every trickled byte restarts: a few
// hundred connections sending a byte a second hold every worker, and an
// honest request waits behind them for as long as they care to stay.
// Here, as Apache's mod_reqtimeout does (handshake=5 header=10 body=30 in
// its documented example, https://httpd.apache.org/docs/2.4/mod/mod_reqtimeout.html):
//  - the TLS handshake must end within `handshake` of the accept, a request
//    head within `head` of the handshake (or, on a kept-alive connection, of
//    its next request's first byte), a body within `body` of its head;
//    a head larger than `max_head_bytes` ends the connection;
//  - each connection has a thread of its own (ThreadPerTask), so none waits
//    for a worker;
//  - connections waiting for a request are capped per client address and in
//    all, the longest-waiting one being cut to make room (ConnLimiter).
// How long a connection is kept for more requests is the Options' policy
// (max_requests, keep_alive_idle); everything else (routing, write timeout)
// is httplib's, as configured on the server.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "local/conn_limiter.h"

namespace vers::local {

class GuardedHttpsServer : public httplib::SSLServer {
 public:
  struct Options {
    std::chrono::milliseconds handshake{5000};
    std::chrono::milliseconds head{10000};
    std::chrono::milliseconds body{30000};
    size_t max_head_bytes = 64 * 1024;
    ConnLimiter::Limits limits;
    // Requests served on one connection, the last answered with
    // "Connection: close" (0: no limit), and how long a kept-alive
    // connection may wait for its next request (zero: until the client
    // closes it, the limiter cuts it or the server stops). The defaults are
    // httplib's (CPPHTTPLIB_KEEPALIVE_MAX_COUNT, _TIMEOUT_SECOND): an
    // emulator sets what the service it copies does.
    size_t max_requests = 5;
    std::chrono::milliseconds keep_alive_idle{5000};
    // Whether a client may resume an earlier TLS session on a new
    // connection (OpenSSL's server session cache and TLS 1.3 tickets, on by
    // default); false: every handshake is a full one.
    bool resume_tls_sessions = true;
  };

  // Serves with the PEM certificate chain and key at these paths (check
  // is_valid()). Stopping cuts every open connection; the server cannot
  // listen again afterwards.
  GuardedHttpsServer(const std::string& cert_file, const std::string& key_file, Options options);
  GuardedHttpsServer(const std::string& cert_file, const std::string& key_file)
      : GuardedHttpsServer(cert_file, key_file, Options{}) {}

  // After binding: lets up to `backlog` connections wait for accept(2)
  // (httplib listens with 5, and a full queue drops new connections' SYNs,
  // which their clients resend only a second later).
  bool WidenListenBacklog(int backlog);

  // Connections whose TLS handshake completed since the start, and how many
  // of them resumed an earlier TLS session (for tests and benchmarks).
  uint64_t connections_accepted() const { return accepted_.load(); }
  uint64_t connections_resumed() const { return resumed_.load(); }

 private:
  // httplib calls this on the connection's thread; it owns `sock`.
  bool process_and_close_socket(socket_t sock) override;
  // Serves the admitted connection on `fd` until it ends.
  bool ServeConnection(int fd);

  const Options options_;
  ConnLimiter limiter_;
  std::atomic<uint64_t> accepted_{0};
  std::atomic<uint64_t> resumed_{0};
};

}  // namespace vers::local
