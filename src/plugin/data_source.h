// The contract a data source implements: read-only, evaluated during plan
// when its configuration is known.
#pragma once

#include <string>

#include "plugin/resource.h"

namespace tfplugin {

// ReadDataSource's input: the configuration (Terraform reads a data source
// only once its configuration is known, deferring it to apply otherwise) and
// the context, borrowed for the call.
struct ReadDataRequest {
  // The configuration.
  cty::Value config;
  // The configured context.
  ProviderContext& ctx;
};

// A data source type: created once per provider, shared by all calls; every
// method is const and may run concurrently. Errors go to diagnostics.
class DataSource {
 public:
  virtual ~DataSource() = default;
  // The type name in configurations, e.g. "vers_vms".
  virtual std::string TypeName() const = 0;
  // The schema; valid for the provider's life.
  virtual const schema::Schema& GetSchema() const = 0;
  // Configuration-only checks (no API calls). Default: none.
  virtual void ValidateConfig(const ValidateRequest&, ValidateResponse&) const {}
  // Answers with the complete state: config plus every computed attribute,
  // with no unknown value left (the framework reports one as an error).
  virtual void Read(const ReadDataRequest&, StateResponse&) const = 0;
};

// The contract of an ephemeral resource (Terraform >= 1.10, OpenTofu >= 1.11):
// a value produced for one run and never stored in state or plan.
struct OpenEphemeralRequest {
  // The configuration (known).
  cty::Value config;
  // The configured context, borrowed for the call.
  ProviderContext& ctx;
};
// OpenEphemeralResource's output.
struct OpenEphemeralResponse {
  // The value, conforming to the schema; Terraform keeps it for this run only.
  cty::Value result;
  Diagnostics diagnostics;
};

// An ephemeral resource type: shared and const like DataSource. Open is the
// only operation (no renew or close: what it opens needs no cleanup).
class EphemeralResource {
 public:
  virtual ~EphemeralResource() = default;
  // The type name in configurations, e.g. "vers_vm_ssh_key".
  virtual std::string TypeName() const = 0;
  // The schema; valid for the provider's life.
  virtual const schema::Schema& GetSchema() const = 0;
  // Configuration-only checks. Default: none.
  virtual void ValidateConfig(const ValidateRequest&, ValidateResponse&) const {}
  // Produces the value; errors go to the response's diagnostics.
  virtual void Open(const OpenEphemeralRequest&, OpenEphemeralResponse&) const = 0;
};

}  // namespace tfplugin
