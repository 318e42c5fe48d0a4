// vers_provision against vers-local: a 200 MiB random file, a directory tree
// and inline content are uploaded and verified by SHA-256 inside the VM; a
// commit and a restore see the same files; a changed file re-provisions and
// rebuilds below it; failures give clear diagnostics; the provider execs
// nothing and writes no key file.
//
// The provider dials the TLS front's port it is configured with, never
// ssh_key's ssh_port (the VM's own sshd, without TLS, as Vers's is the port
// DNAT'd to the VM: spec VmSshKeyResponse); every public client dials
// <vm_id>.<vm domain>:443 (hdresearch/vers-cli internal/ssh/client.go).
#include <catch2/catch.hpp>

#include "actions.h"
#include "checks.h"
#include "faults.h"
#include "in_vm.h"
#include "local_files.h"
#include "step_actions.h"
#include "support/configs.h"
#include "support/provision_steps.h"
#include "support/vers_provision_config.h"
#include "traced_provider.h"

namespace vers::acceptance {
namespace {

const VmRef kBase = VmOfVar("base");

const AnotherVersLocal kOther("other");

}  // namespace

TEST_CASE("vers_provision") {
  Run("vers_provision",
      {.vers_local = true,
       .setup = MakeProvisionPayload(200 * 1024 * 1024),
       .steps = {
           // The provider runs under strace: it must exec nothing and write no file.
           {.name = "apply uploads and verifies every file, commits, restores, verifies the copy",
            .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kProvisionMainTf}},
            .pre_config = TraceProvider,
            .after_command = Sequence({UntraceProvider, Require(Remember("base", "vers_vm.base"))}),
            .checks = {SummaryHolds("4 files ({{bytes}} bytes, verified); 5 commands (exit codes "
                                    "0,0,0,0,0)"),
                       ProviderExecdNothingElse(), ProviderCreatedNoFile()}},
           // A changed file behind the same path re-provisions, and rebuilds below it.
           {.name = "a changed file replaces the provisioning, the commit and what comes from it",
            .files = {{"main.tf", kProvisionMainTf}},
            .pre_config = MakeLocalFiles({TextFile("payload/tree/a.txt", "two\n")}),
            .command = Command::kNone,
            .expect_actions =
                {{"vers_provision.setup delete,create", "vers_provision.verify_copy delete,create",
                  "vers_vm_commit.image delete,create", "vers_vm_restore.copy delete,create"}}},
           {.name = "back to the applied files: nothing to do",
            .files = {{"main.tf", kProvisionMainTf}},
            .pre_config = MakeLocalFiles({TextFile("payload/tree/a.txt", "one\n")}),
            .command = Command::kNone,
            .checks = {PlanEmpty()}},
           // Failures: each a clear diagnostic, and no provisioning recorded.
           ProvisionFails("failing_command", R"(
resource "vers_provision" "failing_command" {
  vm_id    = vers_vm.base.id
  commands = [
    "true",
    "echo about to fail >&2; exit 3",
    "touch /should-not-run",
  ]
})",
                          {"Command 2 of 3 (`echo about to fail >&2; exit 3`) exited with status 3",
                           "about to fail", "\"echo about to fail >&2; exit 3\","},
                          // files written by provisioning are in the VM's layer
                          {VmHas(kBase, "/data/marker"),
                           // the command after the failed one did not run
                           VmLacks(kBase, "/should-not-run")}),
           ProvisionFails("timeout", R"(
resource "vers_provision" "timeout" {
  vm_id           = vers_vm.base.id
  command_timeout = "2s"
  commands        = ["sleep 60"]
})",
                          {"did not finish in time", "sleep 60"}),
           ProvisionFails("unreachable", R"(
resource "vers_provision" "unreachable" {
  vm_id    = vers_vm.base.id
  ssh_port = 1
  commands = ["true"]
  timeouts { create = "3s" }
})",
                          {"Cannot reach VM", "connect"}),
           ProvisionFails("wrong_key", R"(
resource "vers_provision" "wrong_key" {
  vm_id    = vers_vm.base.id
  ssh_host = "${vers_vm_restore.copy.id}.{{VM_DOMAIN}}"
  commands = ["true"]
})",
                          {"refused its SSH key"}),
           ProvisionFails(
               "missing_source", R"(
resource "vers_provision" "missing_source" {
  vm_id = vers_vm.base.id
  files = [{
    source      = "/nonexistent/file"
    destination = "/x"
  }]
})",
               {"Source not found", "files[0].source: \"/nonexistent/file\" does not exist"}),
           ProvisionFails("relative_destination", R"(
resource "vers_provision" "relative_destination" {
  vm_id = vers_vm.base.id
  files = [{
    content     = "x"
    destination = "relative/path"
  }]
})",
                          {"destination \"relative/path\" must be an absolute path"}),
           // A disconnect in the middle of an upload (vers-local cuts the
           // connection after 3 MiB): a clear diagnostic, nothing recorded,
           // nothing at the destination (the partial file is a temporary next
           // to it, which the lost connection keeps the provider from
           // removing: the warning names it).
           UnderFaults(ProvisionFails("cut_upload", R"(
resource "vers_provision" "cut_upload" {
  vm_id = vers_vm.base.id
  files = [{ source = "${path.module}/payload/big.bin", destination = "/data/cut.bin" }]
})",
                                      {"File upload failed", "Uploading to /data/cut.bin",
                                       "failed after", "The destination was left as it was",
                                       "Unfinished uploads left on the VM", "/data/.vers-upload-"},
                                      {VmLacks(kBase, "/data/cut.bin")}),
                       R"({"ssh_cut_after_bytes":3145728})"),
           {.name = "a symlink at a destination",
            .files = {{"clobber.tf", kClobberTf}},
            .args = {"-target=vers_provision.symlink_replaced"},
            // the file behind the symlink is untouched; the symlink was
            // replaced by the file (VmFileIs wants a regular file)
            .checks = {VmFileIs(kBase, "/clobber/x", "the first file"),
                       VmFileIs(kBase, "/clobber/y", "the second file, longer")}},
           // Two destinations that are one file on the VM (/clobber/d2 links
           // to /clobber/d1): the second would replace the first. Refused
           // before any file is put in place, naming the first file's entry.
           ProvisionFails("aliased", R"(
resource "vers_provision" "aliased" {
  depends_on = [vers_provision.clobber_prep]
  vm_id      = vers_vm.base.id
  files = [
    { content = "first", destination = "/clobber/d1/f" },
    { content = "second", destination = "/clobber/d2/f" },
  ]
})",
                          {"Cannot put the files in place",
                           "/clobber/d1/f and /clobber/d2/f are the same file /clobber/d1/f on the "
                           "VM",
                           "content = \"first\""},
                          // nothing put in place, no temporaries left
                          {VmDirHolds(kBase, "/clobber/d1", "")}),
           // Large files are checked range by range while they are sent: the
           // corruption is caught in the first 64 MiB range, and the
           // temporary is removed.
           ProvisionFails("corrupted", R"(
resource "vers_provision" "corrupted" {
  depends_on = [vers_provision.corrupt_prep]
  vm_id      = vers_vm.base.id
  files      = [{ source = "${path.module}/payload/big.bin", destination = "/corrupt/big.bin" }]
})",
                          {"File upload failed", "Uploading to /corrupt/big.bin",
                           "on the VM differs from what was sent in bytes 0-67108864"},
                          // nothing at the destination, no temporary left
                          {VmDirHolds(kBase, "/corrupt", "")},
                          {{"corrupt_prep.tf", kCorruptPrepTf}}),
           // Wrong CA: a second vers-local has its own CA; its SSH front is not trusted.
           [] {
             Step step = ProvisionFails("wrong_ca", R"(
resource "vers_provision" "wrong_ca" {
  vm_id    = vers_vm.base.id
  ssh_port = {{other_ssh_tls_port}}
  commands = ["true"]
})",
                                        {"TLS handshake", "failed: certificate verification:"});
             step.pre_config = kOther.start;
             step.after_command = Sequence({step.after_command, kOther.stop});
             return step;
           }(),
           ProvisionFails("wrong_name", R"(
resource "vers_provision" "wrong_name" {
  vm_id    = vers_vm.base.id
  ssh_host = "${vers_vm.base.id}.elsewhere.localhost"
  commands = ["true"]
  timeouts { create = "3s" }
})",
                          {"could not reach", "unrecognized name"}),
           {.name = "provisioning dials the provider's ssh_tls_port",
            .files = {{"by_setting.tf", kBySettingTf}},
            .args = {"-target=vers_provision.by_setting"},
            .env = {{"VERS_SSH_TLS_PORT", "1"}}},
           // A proxy that closes SSH connections idle for 1.5 s (vers-local
           // fault): a command silent for 4 s gets through with a keepalive
           // every 0.5 s, and without keepalives it loses its connection.
           {.name = "keepalives carry a silent command past a proxy's idle timeout",
            .files = {{"keepalive.tf", kKeepaliveTf}},
            .pre_config = InjectFaults(R"({"ssh_idle_timeout_ms":1500})"),
            .args = {"-target=vers_provision.keepalive"}},
           [] {
             Step step = ProvisionFails("no_keepalive", R"(
resource "vers_provision" "no_keepalive" {
  vm_id              = vers_vm.base.id
  keepalive_interval = "0s"
  commands           = ["sleep 4"]
})",
                                        {"connection was lost"});
             step.after_command = Sequence({step.after_command, ClearFaults()});
             return step;
           }()},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
