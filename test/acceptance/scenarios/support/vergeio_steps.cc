#include "support/vergeio_steps.h"

#include "support/vergeio.h"
#include "support/vergeio_config.h"

namespace vers::acceptance {
namespace {

constexpr char kMembers[] = "/api/v4/tag_members?fields=$key,tag";

constexpr char kHalfTf[] = R"(resource "vers_vergeio_vm_metadata" "half" {
  vm           = "other"
  tag_category = "half-made"
  metadata     = { half = "1" }
}
)";

constexpr char kBadTf[] = R"(resource "vers_vergeio_vm_settings" "bad" {
  vm       = "web-1"
  advanced = "{\"machine_type\": \"q35\"}"
}
resource "vers_vergeio_vm_snapshot" "bad" {
  vm      = "web-1"
  name    = "x"
  expires = "next tuesday"
}
)";

constexpr char kMissingTf[] = R"(resource "vers_vergeio_vm_snapshot" "missing" {
  vm   = "no-such-vm's"
  name = "x"
}
)";

void RememberOwnerTag(Context& ctx) {
  ctx.vars["owner_tag"] = KeyWhere(ctx, "/api/v4/tags?fields=$key,name", "name", "owner=ci");
  ctx.vars["owner_member"] = KeyWhere(ctx, kMembers, "tag", ctx.vars["owner_tag"]);
}

}  // namespace

std::vector<Step> VergeioChangesAndFaults() {
  return {
      {.name = "metadata change applies",
       .files = {{"main.tf", VergeioConfig("2")}},
       .pre_config = RememberOwnerTag,
       .checks = {VioIs(
                      "the changed pair moved", [](Context& c) { return Sorted(c, kTags, "name"); },
                      "build=2 owner=ci team=o'brien"),
                  That("the unchanged pair's member was not touched",
                       [](Context& ctx) {
                         return Same(KeyWhere(ctx, kMembers, "tag", ctx.vars["owner_tag"]),
                                     ctx.vars["owner_member"]);
                       })}},
      // A setting that does not take: VergeIO answers the PUT 200 [] and ignores a
      // field it does not know (as a VergeOS without `advanced` would), so the
      // provider reads the VM back and names the attribute.
      {.name = "a setting that does not take fails the apply",
       .files = {{"main.tf", VergeioConfig("2", "", R"(machine_type=pc\n)")}},
       .pre_config =
           [](Context& c) { Vio(c, "POST", "/_admin/hidden_fields", R"({"vms":["advanced"]})"); },
       .expect_error = "VergeIO did not apply advanced",
       .expect_output = {R"(reads back advanced = "", not "machine_type=pc\n")",
                         R"(advanced           = "machine_type=pc\n")"}},
      {.name = "once VergeIO takes the field, the same apply succeeds",
       .pre_config = [](Context& c) { Vio(c, "POST", "/_admin/hidden_fields", "{}"); },
       .checks = {VioIs(
           "the setting is there", [](Context& c) { return VmFields(c, "advanced"); },
           "machine_type=pc\n")}},
      {.name = "and back to the configured advanced options",
       .files = {{"main.tf", VergeioConfig("2")}}},
      // A lost answer: every POST's answer is cut after the work is done. VergeIO has
      // no idempotency keys, so each row is looked for by its identity, not made again.
      {.name = "creates whose answers were lost succeed",
       .files = {{"main.tf", VergeioConfig("2", "", R"(machine_type=q35\ncpu.flags=+aes\n)",
                                           kLostSnapshotTf)}},
       .pre_config = [](Context& c) { Faults(c, R"({"lose_response_rate":1})"); },
       .after_command = [](Context& c) { Faults(c, "{}"); },
       .args = {"-target=vers_vergeio_vm_snapshot.lost", "-target=vers_vergeio_vm_metadata.lost"},
       .checks = {VioIs(
                      "exactly one snapshot was made",
                      [](Context& c) {
                        return Count(c, "/api/v4/machine_snapshots?fields=name", "name",
                                     "lost's answer");
                      },
                      "1"),
                  VioIs(
                      "exactly one category was made",
                      [](Context& c) {
                        return Count(c, "/api/v4/tag_categories?fields=name", "name",
                                     "lost-answers");
                      },
                      "1"),
                  VioIs(
                      "exactly one tag was made",
                      [](Context& c) { return Count(c, kTags, "name", "extra=1"); }, "1"),
                  VioIs(
                      "exactly one member was made",
                      [](Context& c) { return Count(c, "/api/v4/tag_members?fields=member"); },
                      "4")}},
      // A create that fails halfway is recorded (tainted), never orphaned (issue 10,
      // item 1): the pair's tag is made, attaching it to the VM is answered 503 every
      // time (vergeio-local's `only` aims the faults at that POST).
      {.name = "the half-made metadata create fails",
       .files = {{"main.tf",
                  VergeioConfig("2", "", R"(machine_type=q35\ncpu.flags=+aes\n)", kHalfTf)}},
       .pre_config =
           [](Context& c) {
             Faults(c, R"({"error_rate":1,"status":503,"only":"POST /api/v4/tag_members"})");
           },
       .after_command = [](Context& c) { Faults(c, "{}"); },
       .args = {"-target=vers_vergeio_vm_metadata.half"},
       .expect_error = "Error",
       .checks = {InState("vers_vergeio_vm_metadata.half")}},
      {.name = "destroying it succeeds",
       .command = Command::kDestroy,
       .args = {"-target=vers_vergeio_vm_metadata.half"},
       .checks = {VioIs(
           "and leaves no tag of its category",
           [](Context& c) { return Count(c, kTags, "name", "half=1"); }, "0")}},
      // Drift: a tag removed outside Terraform comes back.
      {.name = "metadata drift is planned back",
       .pre_config =
           [](Context& c) { Vio(c, "DELETE", "/api/v4/tag_members/" + c.vars["owner_member"]); },
       .command = Command::kPlan,
       .expect_output = {R"(+ "owner" = "ci")"}},
      // Retries: every call fails with 503; the error says how many attempts.
      {.name = "with the API failing, the refresh fails",
       .files = {{"main.tf", VergeioConfig("2", "retry_attempts = 2")}},
       .pre_config = [](Context& c) { Faults(c, R"({"error_rate":1,"status":503})"); },
       .command = Command::kPlan,
       .after_command = [](Context& c) { Faults(c, "{}"); },
       .expect_error = "gave up after 3 of 3 attempts"}};
}

std::vector<Step> VergeioBadInput() {
  return {{.name = "bad input is refused",
           .files = {{"main.tf", VergeioConfig("2")}, {"bad.tf", kBadTf}},
           .command = Command::kValidate,
           .expect_error = "It looks like JSON",
           .expect_output = {R"(expires "next tuesday" is not "never" or an RFC 3339 time)"}},
          {.name = "an unknown VM (with a quote) is a diagnostic naming it",
           .files = {{"bad.tf", kMissingTf}},
           .args = {"-target=vers_vergeio_vm_snapshot.missing"},
           .expect_error = R"(VergeIO has no VM named "no-such-vm's")"},
          {.name = "no password: a diagnostic saying how to give one",
           .files = {{"bad.tf", ""}},
           .command = Command::kPlan,
           .env = {{"VERGEIO_PASSWORD", ""}},
           .expect_error = "Missing VergeIO password",
           .checks = {NowhereIn({"*.out", "terraform.tfstate"}, "{{VIO_PASSWORD}}")}},
          {.name = "the configuration to destroy",
           .files = {{"main.tf", VergeioConfig("2", "", R"(machine_type=q35\ncpu.flags=+aes\n)",
                                               kLostSnapshotTf)}},
           .command = Command::kNone}};
}

}  // namespace vers::acceptance
