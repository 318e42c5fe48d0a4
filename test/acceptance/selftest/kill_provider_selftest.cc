// KillProviderAt and the process tree it reads, without a CLI or backend
// ("unit: acceptance harness"): a shell stands for the CLI and its `sleep`
// for the provider; each check is shown to fail on what it must catch.
#include <catch2/catch.hpp>

#include "kill_provider.h"
#include "process_tree.h"
#include "temp_dir.h"

namespace vers::acceptance {
namespace {

// A context on a workspace in a temporary directory (no CLI is run).
struct KillBench {
  TempDir dir{"selftest-kill"};
  Workspace workspace{dir.path()};
  Context ctx{.workspace = workspace};
};

// The moment the running command has a child running PROGRAM.
Moment ChildRuns(std::string program) {
  return {program + " runs under the command", [program](Context& ctx) {
            for (pid_t child : ChildrenOf(ctx.running))
              if (ProgramOf(child) == program) return true;
            return false;
          }};
}

}  // namespace

TEST_CASE("kill -9 of the provider at a moment leaves the CLI to end", "[harness]") {
  KillBench bench;
  CHECK(!KillMomentReached().test(bench.ctx).ok());
  CHECK(!ProviderKilled().test(bench.ctx).ok());
  // "; true" keeps the shell from exec'ing sleep: sleep is its child.
  auto cli = ChildProcess::Start({.argv = {"bash", "-c", "/bin/sleep 300; true"}});
  REQUIRE(cli.ok());
  bench.ctx.running = cli.value().pid();
  KillProviderAt(ChildRuns("sleep"), "sleep")(bench.ctx);
  CHECK(cli.value().Wait() == 0);  // the shell went on after its child was killed
  CHECK(KillMomentReached().test(bench.ctx).ok());
  CHECK(ProviderKilled().test(bench.ctx).ok());
}

TEST_CASE("the kill's checks say when the moment or the provider never came", "[harness]") {
  KillBench bench;
  auto cli = ChildProcess::Start({.argv = {"true"}});
  REQUIRE(cli.ok());
  bench.ctx.running = cli.value().pid();
  KillProviderAt({"never", [](Context&) { return false; }})(bench.ctx);
  CHECK(cli.value().Wait() == 0);
  Status moment = KillMomentReached().test(bench.ctx);
  CHECK_THAT(moment.message(), Catch::Contains("never came"));
  Status killed = ProviderKilled().test(bench.ctx);
  CHECK_THAT(killed.message(), Catch::Contains("no terraform-provider-vers ran under the CLI"));
}

}  // namespace vers::acceptance
