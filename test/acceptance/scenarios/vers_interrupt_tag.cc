// Ctrl-C while a vers_commit_tag is created (issue 10, item 1). Its POST has
// been carried out (vers-local counts the tag) and the read-back GET is in
// flight (every request takes 4 s) when the CLI is interrupted: the tag must
// be in the state afterwards, so that a later apply does not fail with
// `409 tag … already exists` and a destroy leaves nothing. Then the same rule
// when the read-back fails instead: every GET of the tag is answered 503.
//
// Tag names are unique in the Vers API (orchestrator.openapi.json,
// POST /commit_tags: 409 when the name is taken), which is what a lost tag
// runs into on the next apply.
#include <catch2/catch.hpp>

#include "actions.h"
#include "checks.h"
#include "faults.h"
#include "interrupt.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

constexpr char kVmAndCommitTf[] = R"(resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "image" {
  vm_id = vers_vm.base.id
}
)";

constexpr char kTagTf[] = R"(resource "vers_commit_tag" "release" {
  name      = "release"
  commit_id = vers_vm_commit.image.commit_id
}
)";

// The tag deleted behind the provider's back (DELETE /commit_tags/{name},
// as the spec has it), its commit kept.
Check TagDeletedOutside() {
  return That("DELETE /commit_tags/release is carried out", [](Context& ctx) {
    return ctx.vers->Api("DELETE", "/commit_tags/release").status();
  });
}

}  // namespace

TEST_CASE("vers_interrupt_tag") {
  Run("vers_interrupt_tag",
      {.vers_local = true,
       .steps = {{.name = "the VM and its commit are made",
                  .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kVmAndCommitTf}}},
                 // The tag exists once its POST was carried out; its answer and
                 // the read-back GET (4 s each) are still to come. The refresh,
                 // which would wait 4 s a call too, has nothing to do with it.
                 UnderFaults({.name = "Ctrl-C once the tag's POST was carried out",
                              .files = {{"tag.tf", kTagTf}},
                              .while_running = InterruptAt(VersTagsAtLeast(1)),
                              .args = {"-refresh=false"},
                              .expect_error = "Interrupt received",
                              .checks = {MomentReached(), StoppedByInterrupt(),
                                         Titled("the tag was made before the interrupt",
                                                VersCounters("1 1 1")),
                                         Titled("the interrupted tag is in the state",
                                                InState("vers_commit_tag.release"))}},
                             R"({"latency_ms":4000})"),
                 // The harness checks that it succeeds and that its re-plan is empty.
                 {.name = "a later apply succeeds (no 409 'already exists')",
                  .checks = {Titled("still one tag", VersCounters("1 1 1"))}},
                 {.name = "destroy succeeds (the tag no longer blocks its commit)",
                  .command = Command::kDestroy,
                  .checks = {Titled("vers-local holds nothing", VersCounters("0 0 0"))}},
                 {.name = "the tag and its commit are made again"},
                 {.name = "the tag is deleted outside and forgotten by the state",
                  .command = Command::kNone,
                  .checks = {CliSucceeds({"state", "rm", "vers_commit_tag.release"}),
                             TagDeletedOutside(),
                             Titled("the tag is gone, its commit stays", VersCounters("1 1 0"))}},
                 // Every GET of the tag is answered 503 (vers-local's `only` limits
                 // the faults to it), its POST is not. Each 503 says Retry-After: 1,
                 // which the client honours instead of its exponential backoff:
                 // its 10 attempts give up after ~9 s rather than ~55 s of backoff,
                 // and the read-back still fails on every attempt. The harness
                 // checks that the apply succeeds and, once the faults are
                 // cleared, that the re-plan is empty.
                 UnderFaults({.name = "the tag whose read-back failed",
                              .checks = {Titled("the tag whose read-back failed is in the state",
                                                InState("vers_commit_tag.release")),
                                         Titled("the apply says the tag was made but not read back",
                                                Printed("could not be read back"))}},
                             R"({"error_rate":1,"status":503,"retry_after":1,)"
                             R"("only":"GET /api/v1/commit_tags/"})")},
       .after_destroy = {Titled("vers-local holds nothing again", VersCounters("0 0 0"))}});
}

}  // namespace vers::acceptance
