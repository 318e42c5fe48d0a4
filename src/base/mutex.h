// Mutex and MutexLock: std::mutex and std::lock_guard with the capability
// annotations of base/thread_annotations.h, so that clang's -Wthread-safety
// checks that every GUARDED_BY member is read and written under its lock.
//
// Mutex is also BasicLockable (lock/unlock), so std::unique_lock<Mutex> and
// std::condition_variable_any work with it; code that waits that way must
// annotate the waiting function REQUIRES or hold a MutexLock around it.
// Not recursive; not copyable or movable.
#pragma once

#include <mutex>

#include "base/thread_annotations.h"

namespace vers::base {

// A std::mutex that clang's thread-safety analysis knows as a capability.
class CAPABILITY("mutex") Mutex {
 public:
  Mutex() = default;
  Mutex(const Mutex&) = delete;
  Mutex& operator=(const Mutex&) = delete;

  // Blocks until the calling thread holds the mutex.
  void lock() ACQUIRE() { mu_.lock(); }
  // Releases the mutex, which the calling thread must hold.
  void unlock() RELEASE() { mu_.unlock(); }
  // Takes the mutex if it is free; true when taken.
  bool try_lock() TRY_ACQUIRE(true) { return mu_.try_lock(); }

 private:
  std::mutex mu_;
};

// Holds `mu` from construction to the end of the scope.
class SCOPED_CAPABILITY MutexLock {
 public:
  // Blocks until `mu` is taken; the destructor releases it.
  explicit MutexLock(Mutex& mu) ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~MutexLock() RELEASE() { mu_.unlock(); }
  MutexLock(const MutexLock&) = delete;
  MutexLock& operator=(const MutexLock&) = delete;

 private:
  Mutex& mu_;
};

}  // namespace vers::base
