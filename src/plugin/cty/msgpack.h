// The cty msgpack encoding: DynamicValue.msgpack in tfplugin6, with the
// semantics of go-cty's cty/msgpack package (what Terraform and OpenTofu use).
//
// Shape: null is msgpack nil at any position; an unknown is an extension
// (see msgpack_refinements.h); strings are str; bools are bool; lists, sets
// and tuples are arrays; maps and objects are maps with string keys. A
// position whose type is Dynamic holds a value of a concrete type as a
// two-element array [type JSON as bin (str accepted), value encoded against
// that type]; nil there is a null of unknown type, an extension an unknown of
// unknown type.
//
// Numbers: an int64 as the smallest integer encoding; a non-integer that a
// float64 holds exactly as float64; infinities as float64; anything else as
// its exact decimal text in a str. Decoding accepts every int, uint, float32,
// float64, str and bin width.
//
// Errors name the position as a path, e.g. `at .tags["x"]: expected string,
// got array`; the path is omitted for the top-level value. Messages never
// echo string values (map keys and attribute names do appear in paths).
#pragma once

#include <string>
#include <string_view>

#include "plugin/base.h"
#include "plugin/cty/type.h"
#include "plugin/cty/value.h"

namespace tfplugin::cty {

// Arrays, maps and Dynamic wrappers nested deeper than this are rejected both
// ways, so hostile input cannot exhaust the stack.
inline constexpr int kMaxMsgpackDepth = 64;

// Decodes exactly one msgpack item (`bytes` must hold nothing after it; empty
// input is an error) into a value conforming to `type`.
//  - Objects: keys that are not attributes of `type` are errors; attributes
//    absent from the map are null; a repeated key keeps the last value (as Go).
//    Maps likewise keep the last of repeated keys.
//  - Tuples need exactly their element count.
//  - Where `type` is concrete the result has exactly that type. Where it
//    contains Dynamic, the result's type is derived from what was decoded (as
//    go-cty does): a list/set/map's element type is that of its elements,
//    which must all agree; objects and tuples take their parts' types.
//  - Unknowns keep their refinements (nullness, string prefix, number bounds,
//    length bounds); see msgpack_refinements.h for what is normalized.
//  - Sets drop duplicate elements (Value::Set).
//  - Strings are taken as bytes; no UTF-8 validation or normalization.
Result<Value> DecodeMsgpack(std::string_view bytes, const Type& type);

// How EncodeMsgpack writes known numbers.
//  - kGoCty: as go-cty does (see "Numbers" above).
//  - kDecimalText: every finite number as its exact decimal text in a str
//    (infinities stay float64). go-cty decodes a str number with
//    cty.ParseNumberVal, the same call (and so the same 512-bit big.Float)
//    its JSON decoder makes for a number in stored state; an int or float
//    decodes to a 64- or 53-bit big.Float of equal value but different
//    representation, which Terraform before v1.15 tells apart (see
//    wire/convert.cc).
enum class NumberEncoding { kGoCty, kDecimalText };

// Encodes `value` against `type` byte-for-byte as go-cty would (map keys and
// object attributes in byte order; every attribute of an object type is
// written, null where the value lacks it), except that set elements keep the
// value's order rather than go-cty's hash order. Nulls and unknowns are
// accepted at any position; a known value must have the position's kind (no
// conversions), an object value must not have attributes the type lacks, and
// a tuple value must have the type's length. At a Dynamic position a value of
// concrete type is wrapped with its type JSON (EncodeTypeJson(value.type())).
// `numbers` chooses how numbers are written (kGoCty unless said otherwise).
Result<std::string> EncodeMsgpack(const Value& value, const Type& type,
                                  NumberEncoding numbers = NumberEncoding::kGoCty);

}  // namespace tfplugin::cty
