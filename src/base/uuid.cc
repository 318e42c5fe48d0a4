#include "base/uuid.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <array>
#include <cctype>
#include <cstdint>
#include <random>
#include <string>

namespace vers::base {
namespace {

// The provider's namespace for derived ids (a random version 4 UUID, fixed
// forever: changing it would change every derived id).
constexpr std::array<uint8_t, 16> kNamespace = {0x94, 0x91, 0x5f, 0x20, 0xf2, 0x23, 0x4f, 0x7b,
                                                0xad, 0x63, 0x7c, 0x87, 0xf7, 0x01, 0xe0, 0x71};

// The first 16 of `b` as a UUID of `version` with the RFC 9562 variant.
std::string FormatUuid(unsigned char* b, int version) {
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | (version << 4));
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 0x0f]);
  }
  return out;
}

}  // namespace

std::string NewRandomUuid() {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof b) != 1) {
    std::random_device rd;
    for (auto& c : b) c = static_cast<unsigned char>(rd());
  }
  return FormatUuid(b, 4);
}

bool IsUuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash != (s[i] == '-')) return false;
    if (!dash && !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::string DerivedUuid(std::string_view key) {
  std::string input(kNamespace.begin(), kNamespace.end());
  input.append(key);
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest.data());
  return FormatUuid(digest.data(), 5);
}

}  // namespace vers::base
