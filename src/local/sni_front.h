// SniFront: one TLS listener that routes each connection by its SNI name
// (<vm_id>.<vm_domain>) to that VM's sshd on loopback and pipes bytes both
// ways. Unknown or missing names get a fatal TLS alert and are closed.
// A thread per connection, so a slow client never delays another; the
// handshake has a deadline, so a slow one cannot hold its thread for ever.
// Stop() closes everything and joins.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "base/mutex.h"
#include "base/openssl.h"
#include "base/status.h"
#include "local/fd.h"

typedef struct ssl_ctx_st SSL_CTX;
typedef struct ssl_st SSL;

namespace vers::local {

// "<id>.<domain>" -> "<id>" (case-insensitive domain match, single label id);
// nullopt for anything else.
std::optional<std::string> VmIdFromSni(const std::string& name, const std::string& domain);

class SniFront {
 public:
  // Backend port of a VM id, or nullopt to refuse the connection.
  using Resolver = std::function<std::optional<int>(const std::string& vm_id)>;

  // Faults for tests, read as each connection starts; 0 turns one off.
  struct ConnFaults {
    // Bytes a connection may carry from the client before it is cut (a
    // disconnect mid-upload).
    int64_t cut_after_bytes = 0;
    // A connection without traffic either way for this long is closed, as a
    // proxy with an idle timeout would.
    int64_t idle_timeout_ms = 0;
  };
  using FaultSource = std::function<ConnFaults()>;

  SniFront(std::string vm_domain, Resolver resolver, FaultSource faults = nullptr);
  ~SniFront();
  SniFront(const SniFront&) = delete;
  SniFront& operator=(const SniFront&) = delete;

  // How long a client may take over its TLS handshake, in all (default 5 s,
  // as Apache's mod_reqtimeout example: handshake=5). Set before Start.
  void set_handshake_timeout(std::chrono::milliseconds t) { handshake_timeout_ = t; }

  // Listens on host:port (0 = ephemeral) with the given PEM files.
  Status Start(const std::string& cert_file, const std::string& key_file, const std::string& host,
               int port);
  int port() const { return port_; }
  void Stop();

 private:
  struct Conn {
    UniqueFd fd;
    std::thread thread;
    std::atomic<bool> done{false};
  };
  void AcceptLoop();
  void Serve(Conn* conn);
  static int OnServerName(SSL* ssl, int* alert, void* arg);

  std::string domain_;
  Resolver resolver_;
  FaultSource faults_;
  base::SslCtxPtr ctx_;
  UniqueFd listener_;
  UniqueFd wake_read_, wake_write_;
  int port_ = 0;
  std::chrono::milliseconds handshake_timeout_{5000};
  std::atomic<bool> stopping_{false};
  std::thread acceptor_;
  base::Mutex mu_;
  std::list<std::unique_ptr<Conn>> conns_ GUARDED_BY(mu_);
};

}  // namespace vers::local
