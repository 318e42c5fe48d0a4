// ThreadPerTask: an httplib::TaskQueue that runs each task (one connection)
// on a thread of its own. A fixed pool lets a few slow clients occupy every
// worker while honest connections queue behind them; here a connection never
// waits for another, and what bounds slow clients is their deadlines and
// ConnLimiter.
#pragma once

#include <httplib.h>

#include <functional>
#include <list>
#include <thread>
#include <vector>

#include "base/mutex.h"

namespace vers::local {

class ThreadPerTask : public httplib::TaskQueue {
 public:
  // `before_join` runs when the server stops, before shutdown() waits for
  // the running tasks: it should make them end (cut their connections).
  explicit ThreadPerTask(std::function<void()> before_join);
  ~ThreadPerTask() override;

  // Starts `fn` on a new thread. When no thread can be started, runs `fn`
  // on the calling thread with RunningInline() true, so that it can give up
  // at once instead of blocking the accept loop.
  void enqueue(std::function<void()> fn) override;
  void shutdown() override;

  // True inside a task that enqueue ran on its caller's thread.
  static bool RunningInline();

 private:
  using Threads = std::list<std::thread>;
  void JoinFinished();

  std::function<void()> before_join_;
  base::Mutex mu_;
  Threads running_ GUARDED_BY(mu_);
  std::vector<Threads::iterator> finished_ GUARDED_BY(mu_);
};

}  // namespace vers::local
