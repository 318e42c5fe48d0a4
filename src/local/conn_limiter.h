// ConnLimiter: bounds how many connections may sit waiting for a request,
// per client address and in all, so that slow or idle clients cannot pin
// an unbounded number of threads. When a limit is reached, the connection
// that has waited longest is cut (shutdown(2)) to make room: a newcomer is
// never refused, so an honest client sharing an address with an attacker
// (loopback) still gets in, and the attacker's connections evict each other.
// Thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>

#include "base/mutex.h"

namespace vers::local {

class ConnLimiter {
 public:
  struct Limits {
    size_t waiting_per_client = 512;
    size_t waiting_total = 4096;
  };

  explicit ConnLimiter(Limits limits) : limits_(limits) {}
  ConnLimiter(const ConnLimiter&) = delete;
  ConnLimiter& operator=(const ConnLimiter&) = delete;

  // Registers the connection on `fd` from `client` (an address) as waiting
  // for a request, cutting the longest-waiting connections beyond the limits.
  // False once CutAll ran: the caller closes `fd` without serving it.
  bool Admit(int fd, const std::string& client);

  // Marks a registered `fd` as waiting for its next request (it may be cut
  // to make room) or busy with one (it is not).
  void SetWaiting(int fd, bool waiting);

  // Forgets `fd`. Call before closing it, so that a cut never reaches a
  // descriptor number the kernel has handed out again.
  void Release(int fd);

  // Cuts every registered connection, waiting or busy, and refuses new ones:
  // for a server that stops.
  void CutAll();

  // How many connections are waiting, in all and from `client`.
  size_t waiting() const;
  size_t waiting(const std::string& client) const;

 private:
  struct Conn {
    std::string client;
    bool waiting = false;
    bool cut = false;
    uint64_t since = 0;  // order in which connections started waiting
  };
  void StartWaitingLocked(int fd, Conn& conn) REQUIRES(mu_);
  void StopWaitingLocked(Conn& conn) REQUIRES(mu_);
  void EnforceLocked(const std::string& client) REQUIRES(mu_);
  void CutLocked(int fd) REQUIRES(mu_);

  const Limits limits_;
  mutable base::Mutex mu_;
  bool closed_ GUARDED_BY(mu_) = false;
  uint64_t next_since_ GUARDED_BY(mu_) = 0;
  std::unordered_map<int, Conn> conns_ GUARDED_BY(mu_);
  std::map<uint64_t, int> waiting_ GUARDED_BY(mu_);  // since -> fd, oldest first
  std::unordered_map<std::string, std::map<uint64_t, int>> waiting_by_client_ GUARDED_BY(mu_);
};

}  // namespace vers::local
