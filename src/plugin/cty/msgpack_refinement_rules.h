// The rules of the refinements extension that writing and reading it share
// (msgpack_refinements.cc; internal): go-cty's extension code and map keys,
// its size limits, and the prefixes and number bounds it would write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "plugin/cty/number.h"

namespace tfplugin::cty::refinement {

// The msgpack extension type of an unknown with refinements.
constexpr int8_t kRefinedUnknownExt = 12;
// go-cty rejects larger refinement bodies as abusive.
constexpr uint32_t kMaxRefinementBytes = 1024;

// The keys of the refinement map.
enum RefinementKey : int64_t {
  kNullness = 1,
  kStringPrefix = 2,
  kNumberMin = 3,
  kNumberMax = 4,
  kLengthMin = 5,
  kLengthMax = 6,
};

// Shortens a long prefix the way go-cty does, erring shorter: cut at 255
// bytes; keep that if it ends in an ASCII character that always ends a
// grapheme cluster; otherwise drop characters up to and including the last
// ASCII one other than LF, since a cluster boundary always precedes such a
// character, and whatever follows it might combine with the cut-off text.
std::string SafePrefix(std::string prefix);

// Whether `s` is valid UTF-8 (no overlong forms, surrogates or code points
// beyond U+10FFFF).
bool IsValidUtf8(std::string_view s);

// The bound's encoding ([number, inclusive]), or empty if it is one go-cty
// would not write (absent, the infinity on its own side) or longer than we
// write.
std::string EncodeBound(const std::optional<Number>& bound, bool inclusive, bool lower);

}  // namespace tfplugin::cty::refinement
