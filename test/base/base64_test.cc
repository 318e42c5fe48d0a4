// The test vectors of RFC 4648 section 10 ("" "f" "fo" "foo" "foob" "fooba"
// "foobar"), and the credentials of HTTP Basic as RFC 7617 section 2 encodes
// them ("Aladdin:open sesame" -> "QWxhZGRpbjpvcGVuIHNlc2FtZQ==").
#include "base/base64.h"

#include <catch2/catch.hpp>

namespace vers::base {

TEST_CASE("base64 encodes the RFC 4648 test vectors", "[base][base64]") {
  CHECK(Base64Encode("") == "");
  CHECK(Base64Encode("f") == "Zg==");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK(Base64Encode("foo") == "Zm9v");
  CHECK(Base64Encode("foob") == "Zm9vYg==");
  CHECK(Base64Encode("fooba") == "Zm9vYmE=");
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64Encode("Aladdin:open sesame") == "QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  CHECK(Base64Encode(std::string("\0\xff", 2)) == "AP8=");
}

TEST_CASE("unpadded base64 drops only the padding", "[base][base64]") {
  CHECK(Base64EncodeUnpadded("") == "");
  CHECK(Base64EncodeUnpadded("f") == "Zg");
  CHECK(Base64EncodeUnpadded("fo") == "Zm8");
  CHECK(Base64EncodeUnpadded("foo") == "Zm9v");
}

TEST_CASE("base64 decodes what it encodes and refuses what is not base64", "[base][base64]") {
  for (std::string s : {"", "f", "fo", "foo", "foob", "fooba", "foobar", "admin:pw"}) {
    CHECK(Base64Decode(Base64Encode(s)) == std::optional<std::string>(s));
  }
  CHECK(Base64Decode("YWRtaW46cA==") == std::optional<std::string>("admin:p"));
  CHECK(Base64Decode(Base64Encode(std::string("\0\xff", 2))) ==
        std::optional<std::string>(std::string("\0\xff", 2)));
  CHECK_FALSE(Base64Decode("YWJ").has_value());   // not a multiple of 4
  CHECK_FALSE(Base64Decode("YW!j").has_value());  // outside the alphabet
}

}  // namespace vers::base
