// VersContext: what a configured vers provider hands to its resources: the
// resolved settings and the Vers API client, created on first use so that
// validate and plan work without an API key.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "client/vergeio_client.h"
#include "client/vers_client.h"
#include "plugin/diagnostics.h"
#include "plugin/provider_context.h"
#include "resources/framework.h"
#include "resources/settings.h"
#include "resources/vergeio_config.h"

namespace vers::provider {

class VersContext final : public ProviderContext {
 public:
  VersContext(Settings settings, std::optional<VergeioSettings> vergeio)
      : settings_(std::move(settings)), vergeio_(std::move(vergeio)) {}

  // The vers provider's context from the one the framework passes along.
  static VersContext& From(ProviderContext& ctx) { return static_cast<VersContext&>(ctx); }

  const Settings& settings() const { return settings_; }

  // The API key, or null with a diagnostic saying how to give one.
  const std::string* RequireApiKey(Diagnostics& diags) const;

  // The API client, or null with a diagnostic when no API key is configured.
  // Thread-safe; the client lives as long as the context.
  client::VersClient* Client(Diagnostics& diags);

  // The VergeIO client, or null with a diagnostic when the provider's
  // `vergeio` block (or VERGEIO_* environment) is not configured.
  // Thread-safe; the client lives as long as the context.
  client::VergeioClient* Vergeio(Diagnostics& diags);
  // The VergeIO operation timeout (the block's `timeout`).
  std::chrono::milliseconds vergeio_timeout() const {
    return vergeio_ ? vergeio_->timeout : std::chrono::minutes(5);
  }

  // The SSH-over-TLS host of a VM: <vm_id>.<vm_domain> (its port is
  // settings().ssh_tls_port).
  std::string SshHost(const std::string& vm_id) const {
    return ResolveSshDialTarget(settings_, vm_id).host;
  }

 private:
  Settings settings_;
  std::mutex mu_;
  std::unique_ptr<client::VersClient> client_;
  std::optional<VergeioSettings> vergeio_;
  std::unique_ptr<client::VergeioClient> vergeio_client_;
};

}  // namespace vers::provider
