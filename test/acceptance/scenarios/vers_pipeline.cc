// A layered image pipeline without provisioning, against vers-local: base ->
// commit -> restore -> commit (triggers) -> restore -> commit -> N workers.
// Changing a middle layer's trigger re-plans exactly that layer and
// everything below it, nothing above.
#include <catch2/catch.hpp>

#include "checks.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "{{CA}}"
}

variable "layer1_revision" {
  type    = string
  default = "1"
}

resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "layer0" {
  vm_id    = vers_vm.base.id
  triggers = { revision = "1" }
}

resource "vers_vm_restore" "layer1" {
  commit_id = vers_vm_commit.layer0.commit_id
}
resource "vers_vm_commit" "layer1" {
  vm_id    = vers_vm_restore.layer1.id
  triggers = { upstream = vers_vm_commit.layer0.commit_id, revision = var.layer1_revision }
}

resource "vers_vm_restore" "layer2" {
  commit_id = vers_vm_commit.layer1.commit_id
}
resource "vers_vm_commit" "layer2" {
  vm_id    = vers_vm_restore.layer2.id
  triggers = { upstream = vers_vm_commit.layer1.commit_id }
}

resource "vers_vm_restore" "worker" {
  count     = 3
  commit_id = vers_vm_commit.layer2.commit_id
}

output "worker_parents" { value = distinct(vers_vm_restore.worker[*].parent_commit_id) }
output "layer2_commit" { value = vers_vm_commit.layer2.commit_id }
)";

}  // namespace

TEST_CASE("vers_pipeline") {
  Run("vers_pipeline",
      {.vers_local = true,
       .steps =
           {{.name = "the pipeline applies",
             .files = {{"main.tf", kMainTf}},
             .checks = {VersCounters("6 3 0"), Outputs("every worker comes from the last layer",
                                                       [](FlatMap& o) {
                                                         return Same(o["worker_parents.#"] + " " +
                                                                         o["worker_parents.0"],
                                                                     "1 " + o["layer2_commit"]);
                                                       })}},
            {.name =
                 "a layer-1 trigger replaces layer 1's commit and everything below, nothing above",
             .files = {{"terraform.tfvars", "layer1_revision = \"2\"\n"}},
             .pre_config =
                 [](Context& ctx) {
                   auto outputs = ctx.workspace.Outputs();
                   REQUIRE(outputs.ok());
                   ctx.vars["old_layer2"] = outputs.value()["layer2_commit"];
                 },
             .expect_actions = {{"vers_vm_commit.layer1 delete,create",
                                 "vers_vm_commit.layer2 delete,create",
                                 "vers_vm_restore.layer2 delete,create",
                                 "vers_vm_restore.worker[0] delete,create",
                                 "vers_vm_restore.worker[1] delete,create",
                                 "vers_vm_restore.worker[2] delete,create"}},
             .checks = {Outputs("layer 2 is a new commit",
                                [](FlatMap& o) {
                                  return o["layer2_commit"].empty() ? Status::Error("none")
                                                                    : Status::Ok();
                                }),
                        That("and not the old one",
                             [](Context& ctx) {
                               auto o = ctx.workspace.Outputs();
                               if (!o.ok()) return o.status();
                               return o.value()["layer2_commit"] != ctx.vars["old_layer2"]
                                          ? Status::Ok()
                                          : Status::Error("it is still " + ctx.vars["old_layer2"]);
                             }),
                        // the old layers are gone
                        VersCounters("6 3 0")}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
