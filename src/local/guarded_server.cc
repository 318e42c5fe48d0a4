#include "local/guarded_server.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <memory>

#include "base/openssl.h"
#include "local/fd.h"
#include "local/thread_per_task.h"
#include "local/tls_io.h"
#include "local/tls_stream.h"

namespace vers::local {
GuardedHttpsServer::GuardedHttpsServer(const std::string& cert_file, const std::string& key_file,
                                       Options options)
    : httplib::SSLServer(cert_file.c_str(), key_file.c_str()),
      options_(options),
      limiter_(options.limits) {
  // httplib takes ownership of the raw pointer it is handed.
  new_task_queue = [this] { return new ThreadPerTask([this] { limiter_.CutAll(); }); };
  if (!options_.resume_tls_sessions && ssl_context() != nullptr) {
    SSL_CTX_set_session_cache_mode(ssl_context(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(ssl_context(), 0);
    SSL_CTX_set_options(ssl_context(), SSL_OP_NO_TICKET);
  }
}

bool GuardedHttpsServer::WidenListenBacklog(int backlog) {
  return svr_sock_ != INVALID_SOCKET && ::listen(svr_sock_, backlog) == 0;
}

bool GuardedHttpsServer::process_and_close_socket(socket_t sock) {
  UniqueFd fd(sock);
  bool served = false;
  if (!ThreadPerTask::RunningInline() && limiter_.Admit(sock, PeerAddress(sock))) {
    served = ServeConnection(sock);
    limiter_.Release(sock);
  }
  ::shutdown(sock, SHUT_RDWR);
  return served;
}

bool GuardedHttpsServer::ServeConnection(int fd) {
  base::SslPtr ssl(SSL_new(ssl_context()));
  if (!ssl || SSL_set_fd(ssl.get(), fd) != 1) return false;
  if (!AcceptTlsBy(ssl.get(), fd, Clock::now() + options_.handshake)) return false;
  accepted_++;
  if (SSL_session_reused(ssl.get()) == 1) resumed_++;
  TlsStream stream(
      ssl.get(), fd,
      std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::seconds(read_timeout_sec_) + std::chrono::microseconds(read_timeout_usec_)));
  const size_t most = options_.max_requests == 0 ? SIZE_MAX : options_.max_requests;
  bool ok = false;
  for (size_t served = 0; served < most && svr_sock_ != INVALID_SOCKET; ++served) {
    if (served > 0) {
      limiter_.SetWaiting(fd, true);
      const auto idle_until = options_.keep_alive_idle.count() > 0
                                  ? Clock::now() + options_.keep_alive_idle
                                  : Clock::time_point::max();
      if (!stream.WaitReadable(idle_until)) break;
    }
    stream.LimitReads(Clock::now() + options_.head, options_.max_head_bytes);
    bool closed = false;
    ok = process_request(stream, served + 1 == most, closed, [&](httplib::Request& req) {
      req.ssl = ssl.get();
      limiter_.SetWaiting(fd, false);
      stream.LimitReads(Clock::now() + options_.body, SIZE_MAX);
    });
    if (!ok || closed) break;
  }
  if (ok) {
    ERR_clear_error();
    SSL_shutdown(ssl.get());  // close_notify, best effort
  }
  ERR_clear_error();
  return ok;
}

}  // namespace vers::local
