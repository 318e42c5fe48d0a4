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
// Everything else (routing, keep-alive count and idle timeout, write
// timeout) is httplib's, as configured on the server.
#pragma once

#include <httplib.h>

#include <chrono>
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

 private:
  // httplib calls this on the connection's thread; it owns `sock`.
  bool process_and_close_socket(socket_t sock) override;
  // Serves the admitted connection on `fd` until it ends.
  bool ServeConnection(int fd);

  const Options options_;
  ConnLimiter limiter_;
};

}  // namespace vers::local
