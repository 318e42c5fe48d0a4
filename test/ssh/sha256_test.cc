#include "ssh/sha256.h"

#include <catch2/catch.hpp>

namespace vers::ssh {
namespace {

TEST_CASE("Sha256 gives the standard digest however the bytes are split", "[ssh][sha256]") {
  Sha256 whole, pieces;
  whole.Update("abc", 3);
  pieces.Update("a", 1);
  pieces.Update("bc", 2);
  const std::string abc = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  CHECK(whole.HexDigest() == abc);
  CHECK(pieces.HexDigest() == abc);
  CHECK(Sha256().HexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace vers::ssh
