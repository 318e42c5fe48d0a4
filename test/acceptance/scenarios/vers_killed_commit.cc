// Issue 10, item 2: kill -9 of the provider during vers_vm_commit, then apply
// again. The API carried the commit out but the killed provider recorded
// nothing; the second apply must find that commit, not take a second one.
//
// Evidence about the API: VmCommitRequest.commit_id ("chelsea will use the
// requested commit UUID", orchestrator.openapi.json); the orchestrator inserts
// the commit's row under that id first and answers 500 when the insert fails
// (its commit_vm action, CommitVMError::Db => INTERNAL_SERVER_ERROR); deleting
// a commit only marks its row deleted (its commits repository: mark_deleted
// sets deleted_at, get_by_id skips such rows), so a deleted commit's id stays
// taken. CommitInfo carries no labels, so the id is what marks a commit.
#include <catch2/catch.hpp>

#include "checks.h"
#include "faults.h"
#include "kill_provider.h"
#include "support/configs.h"
#include "vers_moments.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "image" {
  count       = var.commits
  vm_id       = vers_vm.base.id
  description = "golden image"
}
variable "commits" {
  type    = number
  default = 0
}
)";

constexpr char kCommit[] = "vers_vm_commit.image[0]";

// The state holds COUNT vers_vm_commit resources.
Check CommitsInState(int count) {
  return That("the state holds " + std::to_string(count) + " vers_vm_commit",
              [count](Context& ctx) -> Status {
                auto resources = ctx.workspace.Resources();
                if (!resources.ok()) return resources.status();
                int commits = 0;
                for (const auto& [address, attributes] : resources.value())
                  commits += address.starts_with("vers_vm_commit.") ? 1 : 0;
                return Same(std::to_string(commits), std::to_string(count));
              });
}

Check NewCommit() {
  return That("the replacement is a new commit", [](Context& ctx) -> Status {
    if (ctx.vars["second"].empty()) return Status::Error("it has no commit_id");
    if (ctx.vars["second"] == ctx.vars["first"]) return Status::Error("it is " + ctx.vars["first"]);
    return Status::Ok();
  });
}

}  // namespace

TEST_CASE("vers_killed_commit") {
  Run("vers_killed_commit",
      {.vers_local = true,
       .steps = {{.name = "the VM is made",
                  .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kMainTf}}},
                 // Every answer to a commit is lost and every request waits 3 s,
                 // so the provider is still looking for its commit when it is killed.
                 UnderFaults(
                     {.name = "kill -9 of the provider once vers-local took the commit",
                      .files = {{"terraform.tfvars", "commits = 1\n"}},
                      .while_running = KillProviderAt(VersCommitsAtLeast(1)),
                      .expect_error = "[Pp]lugin did not respond",
                      .checks = {KillMomentReached(), ProviderKilled(),
                                 VersCounters("1 1 0"),  // the killed apply took the commit
                                 CommitsInState(0)}},    // the state does not have it
                     R"({"latency_ms":3000,"lose_response_rate":1,"only":"POST /api/v1/vm/"})"),
                 {.name = "applying again finds the commit the killed apply took",
                  .checks = {VersCounters("1 1 0"),  // instead of taking a second
                             CommitsInState(1), Remember("first", kCommit, "commit_id")}},
                 // Taking the commit again (destroy, then create) asks for the same
                 // id first: the API keeps a deleted commit's id taken, so the
                 // provider moves on to the next id and takes exactly one new commit.
                 {.name = "replacing the commit takes one new commit",
                  .args = {std::string("-replace=") + kCommit},
                  .checks = {Remember("second", kCommit, "commit_id"), NewCommit(),
                             VersCounters("1 1 0")}}},  // exactly one commit exists
       .after_destroy = {VersCounters("0 0 0")}});      // vers-local holds nothing
}

}  // namespace vers::acceptance
