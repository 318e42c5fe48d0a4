// The provider's `vergeio` block: where and how to reach a VergeIO system,
// resolved from the block and the VERGEIO_* environment variables.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "client/vergeio_client.h"
#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "plugin/schema/schema.h"

namespace vers::provider {

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
