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

struct ConfigureRequest {
  cty::Value config;
  std::string terraform_version;
};
struct ConfigureResponse {
  Diagnostics diagnostics;
};

class Provider {
 public:
  virtual ~Provider() = default;

  virtual const schema::Schema& GetSchema() const = 0;
  virtual void ValidateConfig(const ValidateRequest&, ValidateResponse&) const {}
  virtual void Configure(const ConfigureRequest&, ConfigureResponse&) = 0;

  // The configured context, or null when Configure has not succeeded yet.
  virtual ProviderContext* GetContext() = 0;
  // Asks in-flight operations to stop soon (StopProvider; e.g. Ctrl-C).
  virtual void Stop() = 0;

  virtual const std::vector<std::unique_ptr<Resource>>& Resources() const = 0;
  virtual const std::vector<std::unique_ptr<DataSource>>& DataSources() const = 0;
  virtual const std::vector<std::unique_ptr<EphemeralResource>>& EphemeralResources() const = 0;
};

}  // namespace tfplugin
