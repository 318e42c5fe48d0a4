// Issue 10, item 2: kill -9 of the provider during an apply of restores.
// Terraform cannot record what a killed provider made, so:
//  - every VM the provider made carries its labels
//    (terraform-provider-vers.managed-by = terraform,
//     terraform-provider-vers.resource = vers_vm_restore), and the documented
//    way (docs/guides/leftovers.md: data "vers_vms" filtered by them) finds
//    exactly the VMs the state lacks;
//  - destroying the commit those VMs were restored from fails within the
//    provider's bound (not the 10-minute delete timeout), naming them;
//  - once they are removed as the message says, destroy leaves nothing.
//
// Evidence about the API: VMs carry labels (orchestrator.openapi.json: VM.labels,
// PATCH /vm/{vm_id}/label, GET /vms lists them); FromCommitVmRequest takes
// none, so restores are labelled just after they are made; CommitInfo and
// TagInfo have no labels. DELETE /commits/{commit_id} answers 409 while the
// commit is in use.
#include <catch2/catch.hpp>

#include "checks.h"
#include "faults.h"
#include "kill_provider.h"
#include "support/configs.h"
#include "support/leftover_vms.h"
#include "vers_moments.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "image" {
  vm_id = vers_vm.base.id
}
resource "vers_vm_restore" "worker" {
  count     = var.workers
  commit_id = vers_vm_commit.image.commit_id
}
variable "workers" {
  type    = number
  default = 0
}
)";

// The documented way to find them (docs/guides/leftovers.md).
constexpr char kFindTf[] = R"(data "vers_vms" "made_by_terraform" {
  labels = {
    "terraform-provider-vers.managed-by" = "terraform"
    "terraform-provider-vers.resource"   = "vers_vm_restore"
  }
}
output "ids" {
  value = data.vers_vms.made_by_terraform.ids
}
)";

}  // namespace

TEST_CASE("vers_killed_provider") {
  Run("vers_killed_provider",
      {.vers_local = true,
       .steps = {{.name = "the VM and its commit are made",
                  .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kMainTf}}},
                 // Restored VMs stay "booting" for 60 s, so the provider is waiting
                 // on their boot (each already made and labelled) when it is killed.
                 UnderFaults({.name = "kill -9 of the provider while six restores boot",
                              .while_running = KillProviderAt(VersVmsLabelled(
                                  "terraform-provider-vers.resource", "vers_vm_restore", 6)),
                              .args = {"-var", "workers=6"},
                              .expect_error = "[Pp]lugin did not respond",
                              .checks = {KillMomentReached(), ProviderKilled(), VmsOutsideState()}},
                             R"({"slow_boot_ms":60000})"),
                 {.name = "data vers_vms lists the labelled VMs",
                  .subdir = "find",
                  .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kFindTf}},
                  .checks = {LabelsFindEveryLeftover("ids")}},
                 {.name = "destroy fails while VMs outside the state use the commit",
                  .command = Command::kDestroy,
                  .expect_error = "Cannot delete commit",
                  .checks = {Printed("{{a_leftover}}"),  // the failure names a leftover VM
                             Printed("DELETE /api/v1/vm/<id>")}},  // and says how to remove them
                 {.name = "destroy succeeds once the leftovers are removed",
                  .pre_config = RemoveLeftovers(),
                  .command = Command::kDestroy,
                  .checks = {VersCounters("0 0 0")}}},  // vers-local holds nothing
       .destroy = false});
}

}  // namespace vers::acceptance
