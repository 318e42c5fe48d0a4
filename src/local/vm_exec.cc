// ExecSession's event log and ExecRunner's table of sessions. What the
// sessions keep and how they end follows Vers's agent (its exec stream
// sessions: chunks and a final exit event numbered by cursor, a backlog
// replayed to whoever attaches, CURSOR_TOO_OLD past the retained backlog).
#include "local/vm_exec.h"

#include <algorithm>

namespace vers::local {

std::string ShellWord(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::optional<std::string> ExecSession::WaitStarted() {
  base::MutexLock lock(mu_);
  // Explicit loops rather than predicate lambdas, so that the thread-safety
  // analysis sees mu_ held while the guarded members are read.
  while (!started_ && !start_failure_) changed_.wait(mu_);
  return start_failure_;
}

ExecSession::Batch ExecSession::After(std::optional<uint64_t> from,
                                      std::chrono::milliseconds wait) {
  base::MutexLock lock(mu_);
  uint64_t first = events_.empty() ? next_cursor_ : events_.front().cursor;
  uint64_t after = from ? *from : first - 1;
  auto until = std::chrono::steady_clock::now() + wait;
  while (!ended_ && next_cursor_ - 1 <= after) {
    if (changed_.wait_until(mu_, until) == std::cv_status::timeout) break;
  }
  Batch b;
  first = events_.empty() ? next_cursor_ : events_.front().cursor;
  if (from && after + 1 < first) {
    b.too_old = first;
    return b;
  }
  for (const auto& e : events_)
    if (e.cursor > after) b.events.push_back(e);
  b.ended = ended_;
  b.failure = failure_;
  return b;
}

uint64_t ExecSession::LatestCursor() {
  base::MutexLock lock(mu_);
  return next_cursor_ - 1;
}

void ExecSession::MarkStarted() {
  base::MutexLock lock(mu_);
  started_ = true;
  changed_.notify_all();
}

void ExecSession::MarkStartFailed(std::string why) {
  base::MutexLock lock(mu_);
  start_failure_ = std::move(why);
  ended_ = true;
  changed_.notify_all();
}

void ExecSession::PushLocked(ExecEvent e) {
  e.cursor = next_cursor_++;
  retained_bytes_ += e.data.size();
  events_.push_back(std::move(e));
  while (retained_bytes_ > kMaxRetainedBytes && events_.size() > 1) {
    retained_bytes_ -= events_.front().data.size();
    events_.erase(events_.begin());
  }
  changed_.notify_all();
}

void ExecSession::Append(ExecEvent::Kind kind, std::string data) {
  base::MutexLock lock(mu_);
  ExecEvent e;
  e.kind = kind;
  e.data = std::move(data);
  PushLocked(std::move(e));
}

void ExecSession::Exit(int code) {
  base::MutexLock lock(mu_);
  ExecEvent e;
  e.kind = ExecEvent::Kind::kExit;
  e.exit_code = code;
  ended_ = true;
  PushLocked(std::move(e));
}

void ExecSession::Fail(std::string why) {
  base::MutexLock lock(mu_);
  failure_ = std::move(why);
  ended_ = true;
  changed_.notify_all();
}

std::shared_ptr<ExecSession> ExecRunner::Find(const std::string& vm_id,
                                              const std::string& exec_id) {
  base::MutexLock lock(mu_);
  auto it = sessions_.find(vm_id + "/" + exec_id);
  return it == sessions_.end() ? nullptr : it->second;
}

}  // namespace vers::local
