// Reliability against vers-local: an apply through injected 503s, cut
// connections and lost responses ends with exactly the declared objects, and
// a destroy through 429s (with Retry-After), cut connections and lost
// responses leaves nothing behind; Ctrl-C in the middle of an apply, then a
// second apply, converges with nothing orphaned.
//
// vers-local acts on every request like the real API, which has no
// idempotency keys (orchestrator.openapi.json documents none; the official
// clients hdresearch/vers-sdk-ts and hdresearch/vers-cli send none): a create
// repeated after a lost answer would make a second object, so the counts
// below hold only if the provider looks for what a create made before it
// sends the create again. Half of all answers to mutations are lost, so each
// of the seven creates is reconciled with probability 1/2.
#include <catch2/catch.hpp>
#include <regex>

#include "checks.h"
#include "faults.h"
#include "interrupt.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
  labels       = { suite = "reliability" }
}
resource "vers_vm_commit" "image" {
  vm_id = vers_vm.base.id
}
resource "vers_commit_tag" "image" {
  name      = "reliability"
  commit_id = vers_vm_commit.image.commit_id
}
resource "vers_vm_restore" "worker" {
  count     = 4
  commit_id = vers_vm_commit.image.commit_id
}
resource "vers_vm_branch" "clone" {
  source_commit_id = vers_vm_commit.image.commit_id
}
)";

Check EveryVmInState() {
  return That("every VM that exists is in the state", [](Context& ctx) {
    auto resources = ctx.workspace.Resources();
    if (!resources.ok()) return resources.status();
    int in_state = 0;
    static const std::regex kVm("vers_vm(_restore|_branch)?\\..*");
    for (const auto& [address, attributes] : resources.value())
      in_state += std::regex_match(address, kVm) ? 1 : 0;
    return Same(std::to_string(in_state) + " in the state",
                std::to_string(ctx.vers->VmCount()) + " in the state");
  });
}

}  // namespace

TEST_CASE("vers_reliability") {
  Run("vers_reliability",
      {.vers_local = true,
       .steps =
           {UnderFaults(
                {.name = "apply succeeds through injected faults",
                 .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kMainTf}},
                 .checks = {VersCounters("6 1 1")}},  // exactly the declared VMs, commit and tag
                R"({"error_rate":0.1,"status":503,"drop_rate":0.05,"lose_response_rate":0.5,"latency_ms":5})"),
            UnderFaults(
                {.name = "destroy succeeds through injected faults",
                 .command = Command::kDestroy,
                 .checks = {VersCounters("0 0 0")}},  // nothing is left
                R"({"error_rate":0.1,"status":429,"retry_after":1,"drop_rate":0.05,"lose_response_rate":0.5})"),
            // Ctrl-C once the second VM exists: the base VM booted, the
            // restores and the branch are being created.
            UnderFaults({.name = "Ctrl-C while VMs boot slowly stops the provider mid-create",
                         .while_running = InterruptAt(VersVmsAtLeast(2)),
                         .expect_error = "nterrupt",  // it failed, saying it was interrupted
                         .checks = {MomentReached(), StoppedByInterrupt(), EveryVmInState()}},
                        R"({"slow_boot_ms":4000})"),
            {.name = "a second apply converges",
             .checks = {VersCounters("6 1 1")}}},   // exactly the configured VMs
       .after_destroy = {VersCounters("0 0 0")}});  // nothing is orphaned
}

}  // namespace vers::acceptance
