// The e2e watchdog: if a test still runs after a while (E2E_WATCHDOG_SECONDS,
// default 480, before ctest's 600 s timeout kills it silently), it prints
// what every process under the test is doing, with the provider's and the
// emulators' thread stacks (gdb), to stderr. It never ends the test.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

namespace vers::acceptance {

class Watchdog {
 public:
  // Starts watching this process; seconds <= 0 reads E2E_WATCHDOG_SECONDS.
  explicit Watchdog(int seconds = 0);
  // Stops watching (at once, without printing).
  ~Watchdog();
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

 private:
  void Watch(int seconds);
  std::mutex mutex_;
  std::condition_variable stop_cv_;
  bool stop_ = false;
  std::thread thread_;
};

// Prints this process's descendants and the thread stacks of those that are
// the provider or an emulator to stderr (what the watchdog prints).
void PrintProcessTree();

}  // namespace vers::acceptance
