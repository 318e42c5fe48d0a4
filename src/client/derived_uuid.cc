#include "client/derived_uuid.h"

#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <string>

namespace vers::client {
namespace {

// The provider's namespace for derived ids (a random version 4 UUID, fixed
// forever: changing it would change every derived id).
constexpr std::array<uint8_t, 16> kNamespace = {0x94, 0x91, 0x5f, 0x20, 0xf2, 0x23, 0x4f, 0x7b,
                                                0xad, 0x63, 0x7c, 0x87, 0xf7, 0x01, 0xe0, 0x71};

}  // namespace

std::string DerivedUuid(std::string_view key) {
  std::string input(kNamespace.begin(), kNamespace.end());
  input.append(key);
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);  // RFC 9562 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 0x0f]);
  }
  return out;
}

}  // namespace vers::client
