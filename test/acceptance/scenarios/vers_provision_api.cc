// vers_provision with transport = "api" against vers-local: files through
// PUT /vm/{id}/files (a 3.5 MiB file in 1 MiB pieces, inline content with a
// mode, a directory tree), commands through POST /vm/{id}/exec/stream with
// env and working_dir, checked by SHA-256 and mode on the VM; an exec stream
// cut mid-command is re-attached and the command runs once; a failing
// command and a timeout give clear diagnostics; bad transport inputs are
// refused at validation; Ctrl-C stops the command on the VM; destroy runs
// destroy_commands over the API.
//
// Sources: the spec (orchestrator.openapi.json: PUT /vm/{vm_id}/files,
// POST /vm/{vm_id}/exec/stream and its attach route), as the provider's
// transport and vers-local follow it.
#include <catch2/catch.hpp>

#include "actions.h"
#include "checks.h"
#include "faults.h"
#include "in_vm.h"
#include "interrupt.h"
#include "support/configs.h"
#include "support/provision_steps.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}

resource "vers_provision" "setup" {
  vm_id     = vers_vm.base.id
  transport = "api"
  files = [
    { source = "${path.module}/payload/big.bin", destination = "/data/big.bin" },
    { source = "${path.module}/payload/tree", destination = "/opt/tree" },
    { content = "secret=42\n", destination = "/etc/app/app.conf", mode = "0600" },
  ]
  environment = {
    BIG_SHA  = "{{sha:payload/big.bin}}"
    GREETING = "hello world"
  }
  working_dir = "/data"
  commands = [
    "echo \"$BIG_SHA  big.bin\" | sha256sum -c -",
    "test \"$(stat -c %a /etc/app/app.conf)\" = 600 && grep -qx secret=42 /etc/app/app.conf",
    "test \"$(/opt/tree/sub/tool.sh)\" = tool-ran",
    "test \"$(pwd)\" = /data && echo \"$GREETING\" > greeting && echo ran >> /data/runs",
  ]
  destroy_commands = ["echo destroyed > /data/destroyed"]
}

output "base_id" { value = vers_vm.base.id }
output "summary" { value = vers_provision.setup.summary }
)";

constexpr char kAliasPrepTf[] = R"(resource "vers_provision" "alias_prep" {
  vm_id     = vers_vm.base.id
  transport = "api"
  commands  = ["mkdir -p /alias/d1 && ln -sfn /alias/d1 /alias/d2"]
}
)";

constexpr char kInterruptedTf[] = R"(resource "vers_provision" "interrupted" {
  vm_id     = vers_vm.base.id
  transport = "api"
  commands  = ["echo $$ > /data/interrupted.pid; sleep 300; echo finished > /data/interrupted.done"]
}
)";

const VmRef kBase = VmOfVar("base");

// Every command's cut stream was re-attached: vers-local counts the attach
// route (spec operationId exec_vm_stream_attach) at least once per command.
Check Reattached(int commands) {
  return That("every command's cut stream was re-attached", [commands](Context& ctx) {
    auto counts = ctx.vers->Admin("GET", "/requests");
    if (!counts.ok()) return counts.status();
    auto flat = Flatten(counts.value());
    if (!flat.ok()) return flat.status();
    std::string attaches = flat.value()["exec_vm_stream_attach"];
    if (!attaches.empty() && std::stoi(attaches) >= commands) return Status::Ok();
    return Status::Error("attaches: \"" + attaches + "\" for " + std::to_string(commands) +
                         " commands");
  });
}

}  // namespace

TEST_CASE("vers_provision_api") {
  Run("vers_provision_api",
      {.vers_local = true,
       .setup = MakeProvisionPayload(3 * 1024 * 1024 + 512 * 1024),
       .steps =
           {{.name = "the VM is created",
             .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kMainTf}},
             .args = {"-target=vers_vm.base"},
             .plan_empty_after = false},  // the rest is applied by the next step
            // The exec streams are cut once their command started (the answer
            // is lost after the work, as a network failure would): the
            // provider must re-attach, not run the command again.
            {.name = "apply uploads, verifies and runs every command over the API",
             .pre_config = Sequence(
                 {Require(Remember("base", "vers_vm.base")),
                  InjectFaults(
                      R"({"lose_response_rate":1,"only":"POST /api/v1/vm/{{base}}/exec/stream$"})")}),
             .after_command = ClearFaults(),
             .checks = {SummaryHolds("4 files ({{bytes}} bytes, verified); 4 commands (exit codes "
                                     "0,0,0,0)"),
                        Reattached(4),
                        // each command ran once although its streams were cut
                        VmFileIs(kBase, "/data/runs", "ran"),
                        // env and working_dir reached the command
                        VmFileIs(kBase, "/data/greeting", "hello world"),
                        VmFileSha256(kBase, "/data/big.bin", "{{sha:payload/big.bin}}"),
                        VmFileMode(kBase, "/etc/app/app.conf", "600"),
                        VmNoEntryNamed(kBase, {"/data", "/etc/app", "/opt/tree"}, "vers-upload")}},
            ProvisionFails(
                "failing_command", R"(
resource "vers_provision" "failing_command" {
  vm_id     = vers_vm.base.id
  transport = "api"
  commands  = ["true", "echo about to fail >&2; exit 3", "touch /should-not-run"]
})",
                {"Command 2 of 3 (`echo about to fail >&2; exit 3`) exited with status 3",
                 "The last lines of its stderr", "about to fail"},
                {VmLacks(kBase, "/should-not-run")}),
            ProvisionFails("timeout", R"(
resource "vers_provision" "timeout" {
  vm_id           = vers_vm.base.id
  transport       = "api"
  command_timeout = "2s"
  commands        = ["echo started; sleep 60"]
})",
                           {"Command 1 of 1 (`echo started; sleep 60`)",
                            "ended without its exit status", "started"}),
            ProvisionFails("bad_transport", R"(
resource "vers_provision" "bad_transport" {
  vm_id     = vers_vm.base.id
  transport = "scp"
  commands  = ["true"]
})",
                           {"transport", "\"ssh\"", "\"api\""}),
            ProvisionFails("ssh_only", R"(
resource "vers_provision" "ssh_only" {
  vm_id     = vers_vm.base.id
  transport = "api"
  ssh_port  = 2222
  commands  = ["true"]
})",
                           {"Attribute applies to the SSH transport only",
                            "`ssh_port` is set, but `transport = \"api\"`"}),
            // Two destinations that are one file on the VM (/alias/d2 links to
            // /alias/d1): refused before any file is put in place.
            ProvisionFails("aliased", R"(
resource "vers_provision" "aliased" {
  depends_on = [vers_provision.alias_prep]
  vm_id      = vers_vm.base.id
  transport  = "api"
  files = [
    { content = "first", destination = "/alias/d1/f" },
    { content = "second", destination = "/alias/d2/f" },
  ]
})",
                           {"Cannot put the files in place",
                            "/alias/d1/f and /alias/d2/f are the same file /alias/d1/f on the VM"},
                           // nothing put in place, no temporaries left
                           {VmDirHolds(kBase, "/alias/d1", "")}, {{"alias_prep.tf", kAliasPrepTf}}),
            // Ctrl-C while a command runs: the provisioning fails and the
            // command is stopped on the VM (its shell and that shell's
            // children get SIGTERM).
            {.name = "Ctrl-C while a command runs",
             .files = {{"interrupted.tf", kInterruptedTf}},
             .while_running = InterruptAt(VmFileWritten(kBase, "/data/interrupted.pid")),
             .args = {"-target=vers_provision.interrupted"},
             .expect_error = "It was stopped on the VM",
             .checks = {MomentReached(), StoppedByInterrupt(),
                        VmCommandPrints(kBase, "the command's shell is gone",
                                        "kill -0 \"$(cat /data/interrupted.pid)\" 2>/dev/null && "
                                        "echo alive || echo gone",
                                        "gone"),
                        VmCommandPrints(kBase, "its child (sleep 300) is gone",
                                        "for f in /proc/[0-9]*/cmdline; do tr \"\\0\" \" \" "
                                        "<\"$f\"; echo; done 2>/dev/null | grep -c \"^sleep 300\" "
                                        "|| true",
                                        "0"),
                        VmLacks(kBase, "/data/interrupted.done")}},
            {.name = "destroy runs destroy_commands over the API",
             .files = {{"interrupted.tf", ""}},
             .command = Command::kDestroy,
             .args = {"-target=vers_provision.setup"},
             .checks = {VmFileIs(kBase, "/data/destroyed", "destroyed")}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
