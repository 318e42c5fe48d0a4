#include "local/thread_per_task.h"

#include <memory>
#include <system_error>
#include <utility>

namespace vers::local {
namespace {

thread_local bool running_inline = false;

}  // namespace

ThreadPerTask::ThreadPerTask(std::function<void()> before_join)
    : before_join_(std::move(before_join)) {}

ThreadPerTask::~ThreadPerTask() { shutdown(); }

bool ThreadPerTask::RunningInline() { return running_inline; }

void ThreadPerTask::enqueue(std::function<void()> fn) {
  JoinFinished();
  // Shared, so that the task is still at hand when no thread can be started.
  auto task = std::make_shared<std::function<void()>>(std::move(fn));
  {
    base::MutexLock lock(mu_);
    auto slot = running_.emplace(running_.end());
    try {
      // The thread reports its own slot as finished; `slot` is assigned
      // before the thread can take the lock.
      *slot = std::thread([this, slot, task]() mutable {
        (*task)();
        task.reset();  // release what the task holds before reporting
        base::MutexLock done(mu_);
        finished_.push_back(slot);
      });
      return;
    } catch (const std::system_error&) {
      running_.erase(slot);
    }
  }
  running_inline = true;  // no thread to be had (resource limits): give up on this one
  (*task)();
  running_inline = false;
}

void ThreadPerTask::JoinFinished() {
  std::vector<Threads::iterator> done;
  {
    base::MutexLock lock(mu_);
    done.swap(finished_);
  }
  for (auto it : done) it->join();
  base::MutexLock lock(mu_);
  for (auto it : done) running_.erase(it);
}

void ThreadPerTask::shutdown() {
  if (before_join_) std::exchange(before_join_, nullptr)();
  std::list<std::thread> all;
  {
    base::MutexLock lock(mu_);
    all.swap(running_);
    finished_.clear();
  }
  for (auto& t : all) t.join();
}

}  // namespace vers::local
