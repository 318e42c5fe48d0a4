// VersContext: what a configured vers provider hands to its resources: the
// resolved settings (and, as they arrive, the API clients).
#pragma once

#include <string>

#include "plugin/diagnostics.h"
#include "plugin/provider_context.h"
#include "resources/settings.h"

namespace vers::provider {

class VersContext final : public ProviderContext {
 public:
  explicit VersContext(Settings settings) : settings_(std::move(settings)) {}

  // The vers provider's context from the one the framework passes along.
  static VersContext& From(ProviderContext& ctx) { return static_cast<VersContext&>(ctx); }

  const Settings& settings() const { return settings_; }

  // The API key, or null with a diagnostic saying how to give one. Resources
  // call this when they need the API, so that validate and plan of configs
  // without a key still work.
  const std::string* RequireApiKey(Diagnostics& diags) const;

 private:
  Settings settings_;
};

}  // namespace vers::provider
