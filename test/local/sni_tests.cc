#include <catch2/catch.hpp>
#include <cstdlib>

#include "local/fs.h"
#include "local/pki.h"
#include "local/sni_front.h"
#include "slow_client.h"

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

// A client that trickles its TLS handshake a byte at a time must not hold
// the SSH front's thread for ever: a per-read timeout restarts with every
// byte, so the front needs a deadline for the handshake as a whole (as
// Apache's mod_reqtimeout "handshake=" has,
// https://httpd.apache.org/docs/2.4/mod/mod_reqtimeout.html). Here the
// deadline is 300 ms and the client would trickle for 10 s: the front must
// end the connection before the client is done.
TEST_CASE("the SSH front ends a handshake that does not finish by its deadline", "[sni]") {
  char tmpl[] = "/tmp/vers-local-sni-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::string dir = tmpl;
  auto pki = vers::local::EnsurePki(dir, "vm.localhost");
  REQUIRE(pki.ok());
  vers::local::SniFront front("vm.localhost", [](const std::string&) { return std::nullopt; });
  front.set_handshake_timeout(std::chrono::milliseconds(300));
  REQUIRE(front.Start(pki.value().server_cert, pki.value().server_key, "127.0.0.1", 0).ok());

  auto slow = vers::local::testing::ConnectTcp(front.port());
  REQUIRE(slow.valid());
  CHECK(vers::local::testing::TrickleRawUntilEnded(slow.get(), vers::local::testing::kSlowHandshake,
                                                   std::string(1, '\0'),
                                                   std::chrono::milliseconds(50), 200));
  front.Stop();
  CHECK(vers::local::RemoveTree(dir).ok());
}
