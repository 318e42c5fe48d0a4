// examples/resources/vers_provision as shipped, against vers-local. Its
// commit keeps the VM paused (keep_paused = true), and its destroy_commands
// used to wait out the 10-minute delete timeout on the paused VM and fail
// (issue 10, item 7): they now resume the VM, run, and pause it again.
#include <catch2/catch.hpp>
#include <filesystem>

#include "checks.h"
#include "vm_files.h"

namespace vers::acceptance {
namespace {

std::string AppVm(Context& ctx) {
  auto vm = ctx.workspace.Resource("vers_vm.app");
  return vm.ok() ? vm.value()["id"] : "";
}

Check VmIsPaused(std::string what) {
  return That(std::move(what),
              [](Context& ctx) { return Same(VmState(ctx, AppVm(ctx)), "paused"); });
}

}  // namespace

TEST_CASE("example_vers_provision") {
  Run("example_vers_provision",
      {.vers_local = true,
       .steps = {{.name = "the example applies",
                  .copy_from = "examples/resources/vers_provision",
                  // The example has no provider block (it takes VERS_* from the
                  // environment); vers-local's CA comes in a file of its own.
                  .files = {{"ca.tf", "provider \"vers\" {\n  ca_cert_file = \"{{CA}}\"\n}\n"}},
                  .checks = {That("bootstrap.sh ran",
                                  [](Context& ctx) {
                                    // The upper layer is found now: the VM's sandbox is running.
                                    ctx.vars["upper"] = VmUpper(ctx, AppVm(ctx));
                                    std::string status =
                                        ReadFile(ctx.vars["upper"] + "/opt/app/status");
                                    return Same(status.substr(0, status.find('\n')), "ready");
                                  }),
                             VmIsPaused("the commit left the VM paused")}},
                 // Destroying the provisioning runs its destroy_commands (rm -rf /etc/app)
                 // on the paused VM (without the fix this waited the whole 10-minute
                 // delete timeout: ctest's timeout and the watchdog bound it).
                 {.name = "destroying the provisioning",
                  .command = Command::kDestroy,
                  .args = {"-target=vers_provision.setup"},
                  .checks = {That("its destroy_commands ran on the VM",
                                  [](Context& ctx) {
                                    return std::filesystem::exists(ctx.vars["upper"] + "/etc/app")
                                               ? Status::Error("/etc/app is still there")
                                               : Status::Ok();
                                  }),
                             VmIsPaused("the VM is paused again, as the commit left it")}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
