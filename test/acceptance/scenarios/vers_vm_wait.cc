// Waiting for a VM: a VM that leaves "booting" for a state other than
// "running" ends the wait at once, with a message naming the state, instead
// of at the create timeout.
//
// Sources: vers-cli internal/utils/wait.go (WaitForRunning polls while the VM
// is booting and stops on any other state but running) and
// internal/handlers/connect.go ("VM entered paused state while booting": a
// VM can be paused while it boots); the states are the spec's VmState enum.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "checks.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(resource "vers_vm" "slow" {
  mem_size_mib = 512
  fs_size_mib  = 1024
  timeouts { create = "3m" }
}
)";

// While the apply waits: finds the booting VM (up to 60 s, as the bash test
// polled) and pauses it.
void PauseTheBootingVm(Context& ctx) {
  for (int i = 0; i < 600 && ctx.vars["vm"].empty(); ++i) {
    auto vms = ctx.vers->Api("GET", "/vms");
    auto rows = vms.ok() ? FlattenRows(vms.value()) : Result<std::vector<FlatMap>>(vms.status());
    if (rows.ok())
      for (FlatMap& vm : rows.value())
        if (vm["state"] == "booting") ctx.vars["vm"] = vm["vm_id"];
    if (ctx.vars["vm"].empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (!ctx.vars["vm"].empty())
    REQUIRE(
        ctx.vers->Api("PATCH", "/vm/" + ctx.vars["vm"] + "/state", R"({"state":"Paused"})").ok());
}

}  // namespace

TEST_CASE("vers_vm_wait") {
  Run("vers_vm_wait",
      {.vers_local = true,
       .steps = {{.name = "a VM paused while it boots",
                  .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kMainTf}},
                  // The VM stays booting (a 10-minute boot) until something pauses it.
                  .pre_config =
                      [](Context& c) {
                        REQUIRE(
                            c.vers->Admin("POST", "/faults", R"({"slow_boot_ms":600000})").ok());
                      },
                  .while_running = PauseTheBootingVm,
                  .after_command =
                      [](Context& c) { REQUIRE(c.vers->Admin("POST", "/faults", "{}").ok()); },
                  .expect_error =
                      "VM {{vm}} became paused while the provider waited for it to be running",
                  .checks = {That("the VM was booting while the apply waited",
                                  [](Context& c) {
                                    return c.vars["vm"].empty() ? Status::Error("no VM was booting")
                                                                : Status::Ok();
                                  }),
                             NotPrinted("timeout ran out"),  // it stopped waiting at once
                             InState("vers_vm.slow")}}},     // kept (tainted), not orphaned
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
