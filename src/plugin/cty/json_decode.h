// The parts of the cty JSON decoder (json.cc) that live in files of their
// own (internal): skipping a member lenient decoding drops (json_skip.cc)
// and the {"value", "type"} wrapper of a Dynamic position (json_dynamic.cc),
// which decodes its value as a document of its own.
#pragma once

#include <simdjson.h>

#include <string_view>

#include "plugin/base.h"
#include "plugin/cty/json_internal.h"
#include "plugin/cty/value.h"

namespace tfplugin::cty::json_internal {

// Decodes `json`, one whole JSON text, as `type` (json.cc). Errors name
// ctx's path.
Result<Value> DecodeDocument(std::string_view json, const Type& type, Context& ctx);

// Walks a member that lenient decoding drops, so that it is still validated
// (syntax and depth); errors name ctx's path.
Status SkipValue(simdjson::ondemand::value& node, Context& ctx);

// {"value": ..., "type": ...} in either order, at a Dynamic position: the
// value decoded as the type the wrapper names. Any other key, a missing one
// or an invalid type is an error.
Result<Value> DecodeDynamic(simdjson::ondemand::object& obj, Context& ctx);

}  // namespace tfplugin::cty::json_internal
