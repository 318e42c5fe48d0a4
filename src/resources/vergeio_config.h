// The provider's `vergeio` block: where and how to reach a VergeIO system,
// resolved from the block and the VERGEIO_* environment variables.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "client/vergeio_client.h"
#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "plugin/schema/attr.h"
#include "plugin/schema/schema.h"
#include "resources/framework.h"

namespace vers::provider {

// The attributes of the provider's `vergeio` block.
struct VergeioBlockAttrs : schema::AttrSet {
  schema::Attr<std::string> endpoint{this, "endpoint"};
  schema::Attr<std::string> username{this, "username"};
  schema::Attr<std::string> password{this, "password"};
  schema::Attr<int64_t> port{this, "port"};
  schema::Attr<bool> insecure{this, "insecure"};
  schema::Attr<std::string> ca_cert_file{this, "ca_cert_file"};
  schema::Attr<int64_t> retry_attempts{this, "retry_attempts"};
  schema::Attr<std::string> retry_delay{this, "retry_delay"};
  schema::Attr<std::string> timeout{this, "timeout"};
};
extern const VergeioBlockAttrs kVergeioBlock;

// The `vergeio` nested block of the provider schema.
schema::NestedBlock VergeioBlock();

struct VergeioSettings {
  client::VergeioOptions client;        // endpoint, credentials, TLS, retries
  std::chrono::milliseconds timeout{};  // per operation, unless a resource's timeouts say
};

// Resolves the block (`block` may be null: environment only). nullopt with a
// diagnostic naming the attribute when something is missing or invalid;
// nullopt without one when VergeIO is not configured at all.
std::optional<VergeioSettings> ResolveVergeio(const cty::Value& block, Diagnostics& diags,
                                              bool required);

}  // namespace vers::provider
