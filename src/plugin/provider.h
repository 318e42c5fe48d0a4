// The contract a provider implements: its own schema and configuration, and
// the resource, data source and ephemeral resource types it offers.
//
// The framework calls Configure once (ConfigureProvider) before any
// operation that needs the context; GetContext() returns null until then.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "plugin/data_source.h"
#include "plugin/resource.h"

namespace tfplugin {

// ConfigureProvider's input.
struct ConfigureRequest {
  // The provider block's configuration (known: Terraform configures a
  // provider only once its configuration is known).
  cty::Value config;
  // The CLI's version, e.g. "1.11.4" (OpenTofu reports its own).
  std::string terraform_version;
};
// ConfigureProvider's output: an error leaves the provider unconfigured.
struct ConfigureResponse {
  Diagnostics diagnostics;
};

// A provider: one instance per plugin process, owned by the server (serve.h),
// which calls it from gRPC threads. Configure, GetContext and Stop may run
// concurrently with each other and with resource operations: implementations
// synchronize their own state. Errors go to diagnostics, never exceptions.
class Provider {
 public:
  virtual ~Provider() = default;

  // The provider block's schema; valid for the provider's life.
  virtual const schema::Schema& GetSchema() const = 0;
  // Configuration-only checks of the provider block. Default: none.
  virtual void ValidateConfig(const ValidateRequest&, ValidateResponse&) const {}
  // Builds the context (clients, settings) from the configuration. Terraform
  // calls it once per process, before any operation that needs the context;
  // GetContext's pointer stays valid until Configure is called again.
  virtual void Configure(const ConfigureRequest&, ConfigureResponse&) = 0;

  // The configured context, or null when Configure has not succeeded yet.
  virtual ProviderContext* GetContext() = 0;
  // Asks in-flight operations to stop soon (StopProvider; e.g. Ctrl-C).
  virtual void Stop() = 0;

  // The types offered, owned by the provider for its whole life; fixed at
  // construction (the lists never change).
  virtual const std::vector<std::unique_ptr<Resource>>& Resources() const = 0;
  virtual const std::vector<std::unique_ptr<DataSource>>& DataSources() const = 0;
  virtual const std::vector<std::unique_ptr<EphemeralResource>>& EphemeralResources() const = 0;
};

}  // namespace tfplugin
