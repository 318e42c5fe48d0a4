#include "base/json_string.h"

#include <simdjson.h>

#include <cstdint>

namespace vers {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid (by
// the same rules as Go's utf8.DecodeRune: no overlongs, surrogates or values
// above U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<uint8_t>(s[k]) : 0; };
  auto cont = [&](size_t k, uint8_t lo = 0x80, uint8_t hi = 0xbf) {
    return byte(k) >= lo && byte(k) <= hi;
  };
  uint8_t b = byte(i);
  if (b >= 0xc2 && b <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    uint8_t lo = b == 0xe0 ? 0xa0 : 0x80;
    uint8_t hi = b == 0xed ? 0x9f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    uint8_t lo = b == 0xf0 ? 0x90 : 0x80;
    uint8_t hi = b == 0xf4 ? 0x8f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// Appends the escape of the ASCII byte `b`, or `b` itself; `html` also
// escapes '<', '>' and '&'.
void AppendAscii(std::string& out, uint8_t b, bool html) {
  switch (b) {
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      if (b < 0x20 || (html && (b == '<' || b == '>' || b == '&'))) {
        out += "\\u00";
        out += kHex[b >> 4];
        out += kHex[b & 0xf];
      } else {
        out += static_cast<char>(b);
      }
  }
}

// Go's encoding/json: invalid bytes become U+FFFD, and the JavaScript line
// terminators U+2028/U+2029 are escaped.
void AppendGoNonAscii(std::string& out, std::string_view s, size_t& i) {
  size_t n = Utf8SequenceLength(s, i);
  if (n == 0) {
    out += "\\ufffd";
    ++i;
  } else if (n == 3 && static_cast<uint8_t>(s[i]) == 0xe2 &&
             static_cast<uint8_t>(s[i + 1]) == 0x80 &&
             (static_cast<uint8_t>(s[i + 2]) == 0xa8 || static_cast<uint8_t>(s[i + 2]) == 0xa9)) {
    out += s[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
    i += 3;
  } else {
    out.append(s.substr(i, n));
    i += n;
  }
}

}  // namespace

bool AppendJsonString(std::string& out, std::string_view s, JsonEscaping escaping) {
  bool go = escaping == JsonEscaping::kGoHtmlSafe;
  if (!go && !simdjson::validate_utf8(s.data(), s.size())) return false;
  out += '"';
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<uint8_t>(s[i]);
    if (b < 0x80) {
      AppendAscii(out, b, go);
      ++i;
    } else if (go) {
      AppendGoNonAscii(out, s, i);
    } else {
      out += s[i++];  // valid UTF-8 passes through unchanged
    }
  }
  out += '"';
  return true;
}

}  // namespace vers
