// The cty JSON value encoding: DynamicValue.json and RawState.json in
// tfplugin6, with the semantics of go-cty's cty/json package.
//
// Shape: null is JSON null at any position; strings, numbers and bools are
// JSON scalars; lists, sets and tuples are arrays; maps and objects are JSON
// objects. A position whose type is Dynamic holds a known non-null value as
// {"value": <value encoded against its own type>, "type": <type JSON>} and
// a null of unknown type as plain null.
//
// Numbers are exact: decoding takes the number's JSON text, never a double,
// and encoding writes Number::ToString() (canonical decimal, no exponent).
//
// Errors name the position as a path, e.g. `at .tags["x"]: a bool is
// required`; a path is omitted for the document itself. List, set and
// tuple positions are JSON array indexes. Messages never echo string values.
// Nesting deeper than kMaxJsonDepth arrays/objects is rejected both ways.
#pragma once

#include <string>
#include <string_view>

#include "plugin/base.h"
#include "plugin/cty/type.h"
#include "plugin/cty/value.h"

namespace tfplugin::cty {

// The deepest nesting of arrays and objects the decoders accept: deeper input
// is an error rather than a risk to the stack.
inline constexpr int kMaxJsonDepth = 64;

// Decodes `json` (one JSON document, surrounding whitespace allowed) into a
// value conforming to `type`. Like go-cty, these scalar conversions apply:
//  - string position: a JSON number gives its text verbatim ("1e3" stays
//    "1e3"), a bool gives "true"/"false";
//  - number position: a string holding a number in JSON syntax, optionally
//    with a leading '+' ("12", "-1.5e3"), is parsed exactly, and so are
//    "Infinity"/"-Infinity" (cty infinities; they cannot be re-encoded). Go
//    also takes forms like ".5" or "Inf" here; those are errors;
//  - bool position: "true"/"1" and "false"/"0" as strings.
// Objects: a JSON member that is not an attribute of `type` is an error naming
// it; attributes absent from the JSON are null; a duplicated member keeps the
// last one (as Go does; likewise for maps). Tuples need exactly their element
// count. Where `type` contains Dynamic, the result's type is the concrete type
// found in the JSON, and elements of one collection must agree on a type.
// Malformed JSON, invalid UTF-8 and trailing content are errors; unlike Go,
// so is a lone UTF-16 surrogate escape ("\ud800"; Go substitutes U+FFFD).
// Strings are kept as written (go-cty would also NFC-normalize them).
Result<Value> DecodeJson(std::string_view json, const Type& type);

// As DecodeJson, but object members that are not attributes of the object
// type are skipped (still checked to be well-formed JSON) instead of being an
// error, at every nesting level. This is how a provider reads a prior state
// written under a schema that had attributes since removed.
Result<Value> DecodeJsonLenient(std::string_view json, const Type& type);

// Encodes `value` against `type` (the schema type; it may contain Dynamic,
// which makes the encoding carry the value's own type). Every attribute of an
// object type is written (absent ones as null); object attributes and map
// keys come out sorted by byte order. Errors: any unknown value (naming its
// path), infinities (JSON cannot hold them), strings or map keys that are not
// valid UTF-8, and a value whose shape does not match `type`.
Result<std::string> EncodeJson(const Value& value, const Type& type);

}  // namespace tfplugin::cty
