// The `timeouts` block users put in resources: create/read/update/delete
// durations, each optional, each validated as a Go-style duration.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "plugin/cty/value.h"
#include "plugin/schema/schema.h"

namespace tfplugin::schema {

// A single nested block named "timeouts" with one optional string attribute
// per operation in `operations` (a subset of create, read, update, delete).
NestedBlock TimeoutsBlock(const std::vector<std::string>& operations);

// The timeout for `operation` from a resource value holding a timeouts block,
// or `fallback` when unset. Invalid text was rejected at validation, so it
// falls back too.
std::chrono::milliseconds TimeoutFor(const cty::Value& resource, const std::string& operation,
                                     std::chrono::milliseconds fallback);

}  // namespace tfplugin::schema
