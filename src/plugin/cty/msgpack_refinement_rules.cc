// The rules shared by writing and reading refinements
// (msgpack_refinement_rules.h).
#include "plugin/cty/msgpack_refinement_rules.h"

#include "plugin/cty/msgpack_wire.h"

namespace tfplugin::cty::refinement {
namespace {

// go-cty truncates longer prefixes before writing them.
constexpr size_t kMaxPrefixBytes = 256;
// A number bound is dropped (which only loses information, never adds a false
// claim) when its encoding exceeds this, so that every refinement map we write
// stays well under kMaxRefinementBytes and decodes again.
constexpr size_t kMaxBoundBytes = 300;

bool IsUtf8ContinuationByte(char c) { return (static_cast<uint8_t>(c) & 0xc0) == 0x80; }

}  // namespace

std::string SafePrefix(std::string prefix) {
  if (prefix.size() <= kMaxPrefixBytes) return prefix;
  prefix.resize(kMaxPrefixBytes - 1);
  static constexpr std::string_view kClusterEnders = "-_:;/\\,.(){}[]|?!~ \t@#$%^&*+\"'";
  if (kClusterEnders.find(prefix.back()) != std::string_view::npos) return prefix;
  while (!prefix.empty()) {
    const char last = prefix.back();
    while (!prefix.empty() && IsUtf8ContinuationByte(prefix.back())) prefix.pop_back();
    if (!prefix.empty()) prefix.pop_back();
    if (static_cast<uint8_t>(last) < 0x80 && last != '\n') break;
  }
  return prefix;
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<uint8_t>(s[i]);
    size_t n = b < 0x80                 ? 1
               : b >= 0xc2 && b <= 0xdf ? 2
               : b >= 0xe0 && b <= 0xef ? 3
               : b >= 0xf0 && b <= 0xf4 ? 4
                                        : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k) {
      if (!IsUtf8ContinuationByte(s[i + k])) return false;
    }
    auto b1 = static_cast<uint8_t>(n > 1 ? s[i + 1] : 0);
    if ((b == 0xe0 && b1 < 0xa0) || (b == 0xed && b1 > 0x9f) || (b == 0xf0 && b1 < 0x90) ||
        (b == 0xf4 && b1 > 0x8f)) {
      return false;  // overlong, surrogate or beyond U+10FFFF
    }
    i += n;
  }
  return true;
}

std::string EncodeBound(const std::optional<Number>& bound, bool inclusive, bool lower) {
  if (!bound || (bound->is_infinite() && bound->is_negative() == lower)) return "";
  MsgpackWriter w;
  w.ArrayHeader(2);
  WriteNumber(w, *bound);
  w.Bool(inclusive);
  return w.bytes().size() > kMaxBoundBytes ? "" : w.Take();
}

}  // namespace tfplugin::cty::refinement
