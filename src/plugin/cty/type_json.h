// The JSON spelling of cty types (go-cty's Type.MarshalJSON/UnmarshalJSON),
// used in tfplugin schemas and inside Dynamic-typed msgpack/JSON values.
//
//   "string" | "number" | "bool" | "dynamic"
//   ["list", T] | ["set", T] | ["map", T]
//   ["object", {"name": T, ...}] | ["object", {...}, ["optional", "names"]]
//   ["tuple", [T, ...]]
#pragma once

#include <string>
#include <string_view>

#include "plugin/base.h"
#include "plugin/cty/type.h"

namespace tfplugin::cty {

// Types nested deeper than this are rejected when decoding, so hostile input
// cannot exhaust the stack.
inline constexpr int kMaxTypeJsonDepth = 64;

// Compact JSON, byte-identical to Go's: object attributes in byte order, the
// optional-attribute list (sorted) only when non-empty, and strings escaped as
// Go's encoding/json does (including \u003c, \u003e, \u0026, \u2028, \u2029;
// invalid UTF-8 becomes \ufffd).
std::string EncodeTypeJson(const Type& type);

// Parses one JSON type description (surrounding whitespace allowed). Rejects
// malformed JSON, unknown type names, wrong array lengths, duplicate
// attribute names, optional names that are not attributes, nesting deeper
// than kMaxTypeJsonDepth and trailing content, with a message saying which.
Result<Type> DecodeTypeJson(std::string_view json);

}  // namespace tfplugin::cty
