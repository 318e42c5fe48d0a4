// ProviderContext: what a configured vers provider hands to its resources:
// the resolved settings and the stop flag raised by StopProvider.
#pragma once

#include <atomic>
#include <string>

#include "plugin/diagnostics.h"
#include "resources/settings.h"

namespace vers {

class ProviderContext {
 public:
  explicit ProviderContext(provider::Settings settings) : settings_(std::move(settings)) {}
  ProviderContext(const ProviderContext&) = delete;
  ProviderContext& operator=(const ProviderContext&) = delete;

  const provider::Settings& settings() const { return settings_; }

  // The API key, or null with a diagnostic saying how to give one. Resources
  // call this when they need the API, so that validate and plan of configs
  // without a key still work.
  const std::string* RequireApiKey(Diagnostics& diags) const;

  // Set by StopProvider (Ctrl-C): long operations check it and give up.
  bool stopped() const { return stopped_.load(); }
  void Stop() { stopped_.store(true); }

 private:
  provider::Settings settings_;
  std::atomic<bool> stopped_{false};
};

}  // namespace vers
