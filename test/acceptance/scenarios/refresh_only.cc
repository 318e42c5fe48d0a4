// A refresh of resources that nothing changed finds nothing: with every Vers
// resource type (vers-local), the vers_vergeio_* ones (vergeio-local), every
// data source and number-valued outputs, `plan -refresh-only
// -detailed-exitcode` exits 0 under OpenTofu and HashiCorp Terraform, and a
// normal plan notes no "Objects have changed outside". Terraform v1.11
// (hashicorp/terraform internal/terraform/context_plan.go, plan.Applyable in
// RefreshOnlyMode; internal/states/state_equal.go) calls the plan applyable,
// exit 2, when the refreshed state is not reflect.DeepEqual to the prior one,
// including how each number is held in memory; see src/plugin/wire/convert.cc.
// A change made outside is still exit 2. (Out of a provider's reach: Terraform
// 1.11 also exits 2 for an output computed by arithmetic, e.g. `2 * 3`, with no
// provider at all, so the outputs here are plain references.)
#include <catch2/catch.hpp>

#include "support/refresh_only_config.h"
#include "support/vergeio.h"

namespace vers::acceptance {
namespace {

// The root VM paused behind the provider's back (the rule that keeps prior
// values must not hide real drift).
void PauseRootOutside(Context& ctx) {
  auto root = ctx.workspace.Resource("vers_vm.root");
  REQUIRE(root.ok());
  auto paused =
      ctx.vers->Api("PATCH", "/vm/" + root.value().at("id") + "/state", R"({"state":"Paused"})");
  REQUIRE(paused.ok());
}

}  // namespace

TEST_CASE("refresh_only") {
  Run("refresh_only",
      {.vers_local = true,
       .vergeio_local = true,
       .setup = [](Context& ctx) { NewVm(ctx, "web-1"); },
       .steps = {{.name = "apply creates every resource type",
                  .files = {{"main.tf", kRefreshOnlyTf}},
                  .checks = {PlanExits({"-refresh-only"}, 0), NotPrinted("changed outside of"),
                             PlanExits({}, 0), NotPrinted("changed outside of")},
                  .plan_empty_after = false},  // checked above, with its output
                 // A refresh-only apply writes what ReadResource returned; the next refresh
                 // compares against that and must still find nothing.
                 {.name = "a refresh-only apply",
                  .command = Command::kRefreshOnlyApply,
                  .checks = {PlanExits({"-refresh-only"}, 0)}},
                 {.name = "a VM paused outside is a change",
                  .pre_config = PauseRootOutside,
                  .command = Command::kNone,
                  .checks = {PlanExits({"-refresh-only"}, 2), Printed("vers_vm.root")}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
