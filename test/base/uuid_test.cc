// NewRandomUuid is RFC 9562 version 4; DerivedUuid is version 5: the expected values were computed
// independently with Python's uuid.uuid5 in the provider's namespace
// 94915f20-f223-4f7b-ad63-7c87f701e071.
#include "base/uuid.h"

#include <catch2/catch.hpp>

namespace vers::base {

TEST_CASE("derived UUIDs are version 5 UUIDs of the key", "[base][uuid]") {
  CHECK(DerivedUuid("abc") == "210bc47b-bb08-5d63-b2f7-52ab80976932");
  CHECK(DerivedUuid("") == "be0c1aa0-8861-5589-894f-eccfd32539b0");
  CHECK(DerivedUuid("vers_vm_commit\n3:vm1#0") == "ffffee9b-6c40-5116-a223-0baaa03f7e09");
}

TEST_CASE("random UUIDs are version 4 UUIDs, each new", "[base][uuid]") {
  std::string a = NewRandomUuid();
  CHECK(a.size() == 36);
  CHECK(a[14] == '4');
  CHECK(std::string("89ab").find(a[19]) != std::string::npos);
  CHECK(a != NewRandomUuid());
}

TEST_CASE("IsUuid accepts the 8-4-4-4-12 hex shape only", "[base][uuid]") {
  CHECK(IsUuid(NewRandomUuid()));
  CHECK(IsUuid("94915F20-F223-4F7B-AD63-7C87F701E071"));
  CHECK_FALSE(IsUuid("not-a-uuid"));
  CHECK_FALSE(IsUuid("94915f20-f223-4f7b-ad63-7c87f701e07"));
  CHECK_FALSE(IsUuid("94915f20f-223-4f7b-ad63-7c87f701e071"));
  CHECK_FALSE(IsUuid("94915f20-f223-4f7b-ad63-7c87f701e07g"));
}

TEST_CASE("different keys give different UUIDs", "[base][uuid]") {
  CHECK(DerivedUuid("image#0") != DerivedUuid("image#1"));
}

}  // namespace vers::base
