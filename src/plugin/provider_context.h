// ProviderContext: what a configured provider hands to every operation. The
// framework knows only the stop flag; a provider derives its own context
// (settings, API clients) from this class.
#pragma once

#include <atomic>

namespace tfplugin {

class ProviderContext {
 public:
  ProviderContext() = default;
  virtual ~ProviderContext() = default;
  ProviderContext(const ProviderContext&) = delete;
  ProviderContext& operator=(const ProviderContext&) = delete;

  // Raised by StopProvider (Ctrl-C): long operations check it and give up
  // promptly with a diagnostic. Thread-safe.
  bool stopped() const { return stopped_.load(); }
  void Stop() { stopped_.store(true); }
  // The flag itself, for code that polls it (HTTP transfers, backoff sleeps).
  const std::atomic<bool>* stop_flag() const { return &stopped_; }

 private:
  std::atomic<bool> stopped_{false};
};

}  // namespace tfplugin
