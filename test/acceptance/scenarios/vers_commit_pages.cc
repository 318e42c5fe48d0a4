// GET /commits pages: 50 commits by default, at most 100 per page, with
// limit/offset/total (orchestrator.openapi.json, ListCommitsQuery and
// ListCommitsResponse; vers-local pages the same way). With 120 commits, the
// oldest is on no first page: it must stay in the state (not be taken for
// deleted and re-taken), and data vers_commits must still find it.
#include <catch2/catch.hpp>

#include "checks.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(resource "vers_vm" "root" {
  mem_size_mib = 256
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "first" {
  vm_id = vers_vm.root.id
  name  = "first"
}
data "vers_commits" "first" {
  name       = "first"
  depends_on = [vers_vm_commit.first]
}
output "commit" { value = vers_vm_commit.first.commit_id }
output "found" { value = data.vers_commits.first.latest_commit_id }
)";

// 119 more commits of the root VM, made outside Terraform.
void CommitOutside(Context& ctx) {
  auto vm = ctx.workspace.Resource("vers_vm.root");
  REQUIRE(vm.ok());
  for (int i = 0; i < 119; ++i)
    REQUIRE(ctx.vers->Api("POST", "/vm/" + vm.value().at("id") + "/commit", "{}").ok());
}

}  // namespace

TEST_CASE("vers_commit_pages") {
  Run("vers_commit_pages",
      {.vers_local = true,
       .steps = {{.name = "apply creates the VM and its first commit",
                  .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kMainTf}},
                  .checks = {OutputPair("found", "commit")}},
                 {.name = "119 commits made outside",
                  .pre_config = CommitOutside,
                  .command = Command::kNone,
                  .checks = {VersCounters("1 120 0"),
                             That("the oldest commit stays in the state: the plan is empty",
                                  [](Context& ctx) { return ctx.workspace.PlanIsEmpty(); })}},
                 {.name = "refresh with 120 commits",
                  .command = Command::kRefreshOnlyApply,
                  .checks = {InState("vers_vm_commit.first"),
                             That("data vers_commits finds the oldest of 120 commits",
                                  [](Context& ctx) {
                                    auto outputs = ctx.workspace.Outputs();
                                    if (!outputs.ok()) return outputs.status();
                                    return Same(outputs.value()["found"],
                                                outputs.value()["commit"]);
                                  })}}},
       // As the bash test: the commits made outside are not the case's to destroy.
       .destroy = false});
}

}  // namespace vers::acceptance
