// Parsing of Vers API answers, on bodies shaped as the public sources show.
#include "client/vers_json.h"

#include <catch2/catch.hpp>

namespace vers::client {

// Branch answers come in two shapes. The spec's NewVmsResponse
// (orchestrator.openapi.json, POST /api/v1/vm/{vm_or_commit_id}/branch 201)
// is {"vms":[{"vm_id":…}]}; hdresearch/vers-tf internal/client/client.go
// (BranchResponse, BranchVM) also accepts a single {"vm_id":…}.
TEST_CASE("branch answers: {vms:[…]} and {vm_id}", "[vers_json]") {
  const std::string a = "0b5e3a1c-2f4d-4e6a-9b8c-7d6e5f4a3b2c";
  const std::string b = "1c6f4b2d-3a5e-4f7b-8c9d-8e7f6a5b4c3d";
  auto many = ParseBranchVmIds(R"({"vms":[{"vm_id":")" + a + R"("},{"vm_id":")" + b + R"("}]})");
  REQUIRE(many.ok());
  CHECK(many.value() == std::vector<std::string>{a, b});

  auto one = ParseBranchVmIds(R"({"vm_id":")" + a + R"("})");
  REQUIRE(one.ok());
  CHECK(one.value() == std::vector<std::string>{a});

  // An empty list beside a vm_id: the id (vers-tf looks at vm_id when vms is empty).
  auto both = ParseBranchVmIds(R"({"vms":[],"vm_id":")" + b + R"("})");
  REQUIRE(both.ok());
  CHECK(both.value() == std::vector<std::string>{b});
}

TEST_CASE("branch answers naming no VM are errors that say so", "[vers_json]") {
  for (const char* body : {R"({})", R"({"vms":[]})", R"({"vm_id":""})", R"({"vms":null})"}) {
    INFO(body);
    auto r = ParseBranchVmIds(body);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message().find("names no VM") != std::string::npos);
  }
  auto no_id = ParseBranchVmIds(R"({"vms":[{"id":"x"}]})");
  REQUIRE_FALSE(no_id.ok());
  CHECK(no_id.status().message().find("lacks \"vm_id\"") != std::string::npos);
  CHECK_FALSE(ParseBranchVmIds(R"([{"vm_id":"x"}])").ok());
  CHECK_FALSE(ParseBranchVmIds("not json").ok());
}

// VmSshKeyResponse: ssh_port is the port DNAT'd to the VM inside Vers (the
// spec's description), e.g. {"ssh_private_key": "...", "ssh_port": 12345} in
// hdresearch/vers-integration-plugin ARCHITECTURE.md; it is read, not dialled.
TEST_CASE("ssh_key answers: the key and the forwarded port", "[vers_json]") {
  auto k = ParseSshKey(
      R"({"ssh_private_key":"-----BEGIN OPENSSH PRIVATE KEY-----\nx\n","ssh_port":12345})");
  REQUIRE(k.ok());
  CHECK(k.value().private_key.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"));
  CHECK(k.value().forwarded_port == 12345);
}

}  // namespace vers::client
