// VersContext: what a configured vers provider hands to its resources: the
// resolved settings and the Vers API client, created on first use so that
// validate and plan work without an API key.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "client/vers_client.h"
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

  // The API key, or null with a diagnostic saying how to give one.
  const std::string* RequireApiKey(Diagnostics& diags) const;

  // The API client, or null with a diagnostic when no API key is configured.
  // Thread-safe; the client lives as long as the context.
  client::VersClient* Client(Diagnostics& diags);

  // The SSH host of a VM: <vm_id>.<vm_domain>.
  std::string SshHost(const std::string& vm_id) const { return vm_id + "." + settings_.vm_domain; }

 private:
  Settings settings_;
  std::mutex mu_;
  std::unique_ptr<client::VersClient> client_;
};

}  // namespace vers::provider
