// When a wait for a VM state polls on and when it stops at once. The states
// are the spec's VmState enum (booting, running, paused, sleeping, dead);
// a wait for running polls only through booting and stops on anything else,
// as hdresearch/vers-cli internal/utils/wait.go WaitForRunning does (and its
// internal/handlers/connect.go names "paused while booting" as a real case).
#include <catch2/catch.hpp>

#include "resources/vm_common.h"

namespace vers::resources {

TEST_CASE("a wait for running polls through booting and stops on any other state", "[wait]") {
  CHECK(NextWaitStep("running", "running") == WaitStep::kDone);
  CHECK(NextWaitStep("booting", "running") == WaitStep::kPoll);
  for (const char* s : {"paused", "sleeping", "dead", "", "unknown-new-state"}) {
    INFO(s);
    CHECK(NextWaitStep(s, "running") == WaitStep::kStop);
  }
}

TEST_CASE("a wait for paused polls through booting and running, stops otherwise", "[wait]") {
  CHECK(NextWaitStep("paused", "paused") == WaitStep::kDone);
  CHECK(NextWaitStep("running", "paused") == WaitStep::kPoll);
  CHECK(NextWaitStep("booting", "paused") == WaitStep::kPoll);
  CHECK(NextWaitStep("dead", "paused") == WaitStep::kStop);
  CHECK(NextWaitStep("sleeping", "paused") == WaitStep::kStop);
}

}  // namespace vers::resources
