// The one JSON string escaper of the project, in the two forms it needs.
//
// kMinimal (JsonWriter, every API body and log line): the text must be valid
// UTF-8 and passes through as UTF-8; only '"', '\\' and U+0000..U+001F are
// escaped (\b \f \n \r \t by name, the rest as \u00XX in lower-case hex).
//
// kGoHtmlSafe (cty type JSON): byte-identical to Go's encoding/json Marshal,
// which Terraform uses for the same text: also '<', '>', '&', U+2028 and
// U+2029 as \uXXXX, and each byte of invalid UTF-8 as \ufffd (by the rules of
// Go's utf8.DecodeRune: no overlongs, surrogates or values above U+10FFFF).
//
// Pure functions: thread-safe. Messages never carry the string (it may be
// secret).
#pragma once

#include <string>
#include <string_view>

namespace vers {

// The two forms described above.
enum class JsonEscaping { kMinimal, kGoHtmlSafe };

// Appends `s` to `out` as a quoted JSON string. With kMinimal, returns false
// and appends nothing when `s` is not valid UTF-8; kGoHtmlSafe always
// succeeds (it replaces what is invalid).
bool AppendJsonString(std::string& out, std::string_view s, JsonEscaping escaping);

}  // namespace vers
