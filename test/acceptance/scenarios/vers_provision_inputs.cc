// vers_provision's hostile inputs (issue 10, item 6): sources that could
// hang planning (a device, a FIFO) or crash it (symlink loops and cycles),
// shell injection through environment names, NUL and control characters, a
// Ctrl-C while a huge source is hashed, sources that fail to read at plan or
// at apply time, and a destination that is a directory on the VM. Each gets
// a diagnostic naming the attribute, and no failed upload ever touches its
// destination.
#include <catch2/catch.hpp>

#include "actions.h"
#include "checks.h"
#include "in_vm.h"
#include "interrupt.h"
#include "local_files.h"
#include "step_actions.h"
#include "support/configs.h"
#include "support/vers_provision_inputs_config.h"

namespace vers::acceptance {
namespace {

const VmRef kVm = VmOfVar("vm");

// After the command: the workspace's file NAME is removed (the bash test's rm -f).
Action Remove(std::string name) {
  return [name](Context& ctx) { ctx.workspace.Write(name, ""); };
}

}  // namespace

TEST_CASE("vers_provision_inputs") {
  Run("vers_provision_inputs",
      {.vers_local = true,
       .setup = MakeLocalFiles(
           {Directory("fixtures/cycle/sub"), Directory("fixtures/special"),
            Directory("fixtures/selfloop"), Fifo("fixtures/fifo"), Fifo("fixtures/special/pipe"),
            Symlink("fixtures/loop-a", "loop-b"), Symlink("fixtures/loop-b", "loop-a"),
            Symlink("fixtures/cycle/sub/up", ".."), Symlink("fixtures/selfloop/self", "self"),
            TextFile("fixtures/cycle/sub/f", "x\n"), TextFile("fixtures/special/f", "x\n"),
            TextFile("fixtures/selfloop/f", "x\n")}),
       .steps =
           {// --- Static inputs: refused by validate already ---
            {.name = "validate refuses every static input",
             .subdir = "static",
             .files = {{"providers.tf", kVersProviderTf}, {"main.tf", kStaticTf}},
             .command = Command::kValidate,
             .expect_error = "Error: ",
             // /dev/zero and a FIFO hung plan forever
             .expect_output =
                 {R"(files[0].source: "/dev/zero" is a character device; only regular files and directories can be uploaded)",
                  // a directory symlink cycle is named, on its element
                  R"(files[1].source: "./../fixtures/cycle/sub/up" leads back to "./../fixtures/cycle" (a directory symlink cycle))",
                  // an environment name that is shell is refused
                  R"(environment["A=1; touch /opt/injected; B"]: "A=1; touch /opt/injected; B" is not a variable name)",
                  R"(commands[1] "echo ok\x00; touch /opt/cut" contains a NUL character)",
                  R"(destroy_commands[0] "rm -rf /tmp/x\x00/y" contains a NUL)",
                  R"(environment["GOOD"] contains a NUL character)",
                  R"(working_dir "/opt\x00/x" contains a NUL character)",
                  R"(files[0].destination "/etc/x\nother" contains a control character ("\n"))"},
             .checks = {LineHas({"files[0].source:", R"(fixtures/fifo" is a FIFO)"}),
                        // a symlink loop is named as one
                        LineHas({"files[0].source:", R"(loop-a" is a symlink loop)"}),
                        // a special file inside a directory is named
                        LineHas({R"(special/pipe" in the directory is a FIFO)"}),
                        // a symlink loop inside a directory is an error, not a crash
                        LineHas({R"(selfloop/self" is a symlink loop)"}),
                        NotPrinted("This is a bug")}},  // no internal error
                                                        // --- Hashing at plan time: a read error is
                                                        // an error; Ctrl-C stops it ---
            {.name = "a source that fails to read fails the plan (it was hashed as empty)",
             .subdir = "hashing",
             .files = {{"providers.tf", kVersProviderTf}, {"main.tf", kUnreadableTf}},
             .command = Command::kPlan,
             .expect_error = "Error: ",
             .expect_output =
                 {"files[0].source: reading /proc/self/mem failed: Input/output error"}},
            // A sparse 1 TiB file takes many minutes to hash: once the provider
            // has it open, SIGINT (as Ctrl-C) must end the plan at once, with a
            // diagnostic.
            {.name = "Ctrl-C while a huge source is hashed",
             .subdir = "hashing",
             .files = {{"main.tf", kHugeTf}},
             .pre_config = MakeLocalFiles({SparseFile("huge.bin", 1ULL << 40)}),
             .command = Command::kPlan,
             .while_running = InterruptAt(FileOpened("huge.bin")),
             .after_command = Remove("huge.bin"),
             .expect_error = "Error: ",
             .expect_output =
                 {"Hashing the files to upload was stopped (files[0].source: cancelled "
                  "while hashing ./huge.bin)"},
             .checks = {MomentReached(),         // the provider is hashing the huge file
                        StoppedByInterrupt()}},  // Ctrl-C stops the hashing
                                                 // --- Uploads: nothing at a destination unless
                                                 // whole and verified ---
            {.name = "a VM with a file to keep",
             .files = {{"providers.tf", kVersProviderTf}, {"main.tf", kMainTf}},
             .after_command = Require(Remember("vm", "vers_vm.vm"))},
            {.name = "a source that fails to read fails the apply",
             .files = {{"mem.tf", kMemTf}},
             .after_command = Remove("mem.tf"),
             .expect_error = "Error: ",
             // at plan time, naming it and why
             .expect_output =
                 {"files[0].source: reading /proc/self/mem failed: Input/output error"},
             .checks = {VmFileIs(kVm, "/keep/file", "previous")}},
            // An upload failing part way through the files leaves the first
            // one's destination as it was (it used to be overwritten).
            {.name = "a failing second file fails the apply",
             .files = {{"partial.tf", kPartialTf}},
             .after_command = Remove("partial.tf"),
             .expect_error = "Error: ",
             .expect_output = {"/keep/blocker exists on the VM and is not a directory"},
             .checks = {VmFileIs(kVm, "/keep/file", "previous"),
                        VmDirHolds(kVm, "/keep", "blocker file"),  // no temporary is left
                        NotInState("vers_provision.partial")}},
            // Refused before anything is put in place; the temporary is removed.
            {.name = "a directory destination fails the apply",
             .files = {{"dir.tf", kDirTf}},
             .after_command = Remove("dir.tf"),
             .expect_error = "Error: ",
             .expect_output =
                 {"/opt/existing-dir is a directory on the VM (or a symlink to one); a "
                  "file cannot replace it"},
             .checks = {VmDirHolds(kVm, "/opt/existing-dir", ""),  // the directory is untouched
                        VmDirHolds(
                            kVm, "/opt",
                            "existing-dir")}},  // no temporary is left
                                                // A state recorded before NULs were refused: its
                                                // destroy_commands are not run cut short, and the
                                                // destroy goes on with a warning.
            {.name = "a resource with destroy_commands", .files = {{"legacy.tf", kLegacyTf}}},
            {.name = "a legacy state with a NUL in destroy_commands is destroyed",
             .pre_config = RewriteState(R"("touch /keep/legacy")",
                                        R"("touch /keep/legacy\u0000; touch /keep/cut")"),
             .command = Command::kDestroy,
             .after_command = Remove("legacy.tf"),
             .args = {"-target=vers_provision.legacy"},
             // with a warning naming it
             .expect_output =
                 {R"(destroy_commands[0] "touch /keep/legacy\x00; touch /keep/cut" contains a NUL)"},
             // the command did not run, whole or cut
             .checks = {VmLacks(kVm, "/keep/legacy"), VmLacks(kVm, "/keep/cut")}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
