// examples/layered-vms as shipped, against vers-local: apply; every worker
// carries all three layers; changing the layer-1 script replaces exactly
// layers 1-3, each new layer made before the old one goes (the published tag
// moves in place from the old app image to the new), and leaves layer 0
// alone; apply; examples/golden-image-consumer forks the published image and
// restores workers from its fork, as another team would; destroy; nothing is
// left.
#include <catch2/catch.hpp>
#include <regex>

#include "checks.h"

namespace vers::acceptance {
namespace {

// A check of the workers, next to the example (not part of it).
std::string CheckWorkersTf(const std::string& tools_version) {
  return R"(resource "vers_provision" "check_worker" {
  count = var.worker_count
  vm_id = vers_vm_restore.worker[count.index].id
  commands = [
    "test -f /opt/layers/base.done",
    "grep -qx 'tools )" +
         tools_version + R"(' /opt/layers/tools.done",
    "grep -qx 'hello from the tools layer' /opt/layers/app.done",
    "test \"$(stat -c %a /etc/app/app.conf)\" = 640",
  ]
}
)";
}

// The example's layer-1 script, changed to write "tools v2".
void ChangeToolsScript(Context& ctx) {
  std::string path = ctx.workspace.dir() + "/scripts/tools.sh";
  std::string script = ReadFile(path);
  REQUIRE(script.find("tools v1") != std::string::npos);
  REQUIRE(WriteFile(path, std::regex_replace(script, std::regex("tools v1"), "tools v2")).ok());
}

}  // namespace

TEST_CASE("layered_vms") {
  Run("layered_vms",
      {.vers_local = true,
       .steps =
           {{.name = "the layered pipeline applies, and every worker has every layer",
             .copy_from = "examples/layered-vms",
             .files = {{"zz_test.auto.tfvars", "ca_cert_file = \"{{CA}}\"\n"},
                       {"check_workers.tf", CheckWorkersTf("v1")}},
             .checks = {VersCounters("6 3 0")}},  // 3 layer VMs + 3 workers, 3 commits
            {.name = "a changed layer-1 script replaces layers 1-3, nothing of layer 0",
             .files = {{"check_workers.tf", CheckWorkersTf("v2")}},
             .pre_config = ChangeToolsScript,
             .expect_actions =
                 {{"terraform_data.tools_script update", "vers_provision.app create,delete",
                   "vers_provision.check_worker[0] delete,create",
                   "vers_provision.check_worker[1] delete,create",
                   "vers_provision.check_worker[2] delete,create",
                   "vers_provision.tools create,delete", "vers_repository_tag.latest update",
                   "vers_vm_commit.app create,delete", "vers_vm_commit.tools create,delete",
                   "vers_vm_restore.app create,delete", "vers_vm_restore.tools create,delete",
                   "vers_vm_restore.worker[0] delete,create",
                   "vers_vm_restore.worker[1] delete,create",
                   "vers_vm_restore.worker[2] delete,create"}},
             .checks = {VersCounters("6 3 0")}},  // the workers see tools v2
            {.name = "the consumer forks the published image and restores its workers",
             .subdir = "consumer",
             .copy_from = "examples/golden-image-consumer",
             .files = {{"zz_test_provider.tf",
                        "provider \"vers\" {\n  ca_cert_file = \"{{CA}}\"\n}\n"}},
             // The pipeline's 6 VMs, the fork's VM and 2 workers; its 3 commits and the fork's.
             .checks = {VersCounters("9 4 0")}},
            {.name = "the consumer destroys",
             .subdir = "consumer",
             .command = Command::kDestroy,
             .checks = {VersCounters("6 3 0")}}},  // it leaves nothing
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
