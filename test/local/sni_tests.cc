#include <catch2/catch.hpp>

#include "local/sni_front.h"

using vers::local::VmIdFromSni;

TEST_CASE("SNI names route to VM ids", "[sni]") {
  const std::string id = "0b3f3c1e-1111-4222-8333-444455556666";
  CHECK(VmIdFromSni(id + ".vm.localhost", "vm.localhost") == id);
  CHECK(VmIdFromSni("0B3F3C1E-1111-4222-8333-444455556666.VM.LOCALHOST", "vm.localhost") == id);
  CHECK_FALSE(VmIdFromSni("vm.localhost", "vm.localhost"));
  CHECK_FALSE(VmIdFromSni(".vm.localhost", "vm.localhost"));
  CHECK_FALSE(VmIdFromSni(id + ".other.localhost", "vm.localhost"));
  CHECK_FALSE(VmIdFromSni("a.b.vm.localhost", "vm.localhost"));
  CHECK_FALSE(VmIdFromSni(id + "vm.localhost", "vm.localhost"));
  CHECK_FALSE(VmIdFromSni("", "vm.localhost"));
}
