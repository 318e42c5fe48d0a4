// The contract a data source implements: read-only, evaluated during plan
// when its configuration is known.
#pragma once

#include <string>

#include "plugin/resource.h"

namespace tfplugin {

struct ReadDataRequest {
  cty::Value config;
  ProviderContext& ctx;
};

class DataSource {
 public:
  virtual ~DataSource() = default;
  virtual std::string TypeName() const = 0;
  virtual const schema::Schema& GetSchema() const = 0;
  virtual void ValidateConfig(const ValidateRequest&, ValidateResponse&) const {}
  // Answers with the complete state: config plus every computed attribute.
  virtual void Read(const ReadDataRequest&, StateResponse&) const = 0;
};

// The contract of an ephemeral resource (Terraform >= 1.10, OpenTofu >= 1.11):
// a value produced for one run and never stored in state or plan.
struct OpenEphemeralRequest {
  cty::Value config;
  ProviderContext& ctx;
};
struct OpenEphemeralResponse {
  cty::Value result;
  Diagnostics diagnostics;
};

class EphemeralResource {
 public:
  virtual ~EphemeralResource() = default;
  virtual std::string TypeName() const = 0;
  virtual const schema::Schema& GetSchema() const = 0;
  virtual void ValidateConfig(const ValidateRequest&, ValidateResponse&) const {}
  virtual void Open(const OpenEphemeralRequest&, OpenEphemeralResponse&) const = 0;
};

}  // namespace tfplugin
