#include "local/conn_limiter.h"

#include <sys/socket.h>

namespace vers::local {

bool ConnLimiter::Admit(int fd, const std::string& client) {
  base::MutexLock lock(mu_);
  if (closed_) return false;
  Conn& conn = conns_[fd];
  conn = Conn{client, false, false, 0};
  StartWaitingLocked(fd, conn);
  EnforceLocked(client);
  return true;
}

void ConnLimiter::SetWaiting(int fd, bool waiting) {
  base::MutexLock lock(mu_);
  auto it = conns_.find(fd);
  if (it == conns_.end() || it->second.cut || it->second.waiting == waiting) return;
  if (waiting) {
    StartWaitingLocked(fd, it->second);
    EnforceLocked(it->second.client);
  } else {
    StopWaitingLocked(it->second);
  }
}

void ConnLimiter::Release(int fd) {
  base::MutexLock lock(mu_);
  auto it = conns_.find(fd);
  if (it == conns_.end()) return;
  StopWaitingLocked(it->second);
  conns_.erase(it);
}

void ConnLimiter::CutAll() {
  base::MutexLock lock(mu_);
  closed_ = true;
  for (auto& [fd, conn] : conns_) {
    StopWaitingLocked(conn);
    conn.cut = true;
    ::shutdown(fd, SHUT_RDWR);
  }
}

size_t ConnLimiter::waiting() const {
  base::MutexLock lock(mu_);
  return waiting_.size();
}

size_t ConnLimiter::waiting(const std::string& client) const {
  base::MutexLock lock(mu_);
  auto it = waiting_by_client_.find(client);
  return it == waiting_by_client_.end() ? 0 : it->second.size();
}

void ConnLimiter::StartWaitingLocked(int fd, Conn& conn) {
  conn.waiting = true;
  conn.since = next_since_++;
  waiting_[conn.since] = fd;
  waiting_by_client_[conn.client][conn.since] = fd;
}

void ConnLimiter::StopWaitingLocked(Conn& conn) {
  if (!conn.waiting) return;
  conn.waiting = false;
  waiting_.erase(conn.since);
  auto it = waiting_by_client_.find(conn.client);
  if (it == waiting_by_client_.end()) return;
  it->second.erase(conn.since);
  if (it->second.empty()) waiting_by_client_.erase(it);
}

void ConnLimiter::EnforceLocked(const std::string& client) {
  for (;;) {
    auto mine = waiting_by_client_.find(client);
    if (mine == waiting_by_client_.end() || mine->second.size() <= limits_.waiting_per_client)
      break;
    CutLocked(mine->second.begin()->second);
  }
  while (waiting_.size() > limits_.waiting_total) CutLocked(waiting_.begin()->second);
}

// The owner's next read or poll on `fd` sees the end of the connection; it
// then releases and closes it as usual.
void ConnLimiter::CutLocked(int fd) {
  Conn& conn = conns_.at(fd);
  StopWaitingLocked(conn);
  conn.cut = true;
  ::shutdown(fd, SHUT_RDWR);
}

}  // namespace vers::local
