// Base64 (RFC 4648 section 4, the standard alphabet) on OpenSSL's EVP block
// coder, in the forms the project needs: padded (HTTP Basic credentials),
// unpadded (go-plugin's server certificate, Go's base64.RawStdEncoding), and
// a strict decoder of the padded form. Pure functions: thread-safe, no
// allocation beyond the returned string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vers::base {

// `bytes` in padded standard base64 ("YWI=").
std::string Base64Encode(std::string_view bytes);

// `bytes` in standard base64 without '=' padding ("YWI"), as Go's
// base64.RawStdEncoding writes it.
std::string Base64EncodeUnpadded(std::string_view bytes);

// The bytes of padded standard base64 `text`, or nullopt when OpenSSL's
// EVP_DecodeBlock refuses it (a character outside the alphabet) or its length
// is not a multiple of 4. "" decodes to "".
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace vers::base
