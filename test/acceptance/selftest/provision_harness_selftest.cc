// The harness pieces the vers_provision scenarios brought (traced provider,
// local files, interrupting, state rewrites), without a CLI or backend: each
// check is shown to fail on what it must catch.
#include <signal.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "in_vm.h"
#include "interrupt.h"
#include "local_files.h"
#include "step_actions.h"
#include "temp_dir.h"
#include "traced_provider.h"

namespace vers::acceptance {
namespace {

// A context on a workspace in DIR (no CLI is run).
struct Bench {
  TempDir dir{"selftest-provision"};
  Workspace workspace =
      (::setenv("VERS_PROVIDER", "/nonexistent/terraform-provider-vers", 0), Workspace(dir.path()));
  Context ctx{.workspace = workspace};
};

}  // namespace

TEST_CASE("the traced provider's checks catch an exec and a created file", "[harness]") {
  Bench bench;
  Check execs = ProviderExecdNothingElse(), creates = ProviderCreatedNoFile();
  CHECK(!execs.test(bench.ctx).ok());  // nothing traced is a failure, not a pass
  CHECK(!creates.test(bench.ctx).ok());
  std::string trace = bench.dir.File("strace.1");
  std::string clean =
      "1 execve(\"/p/terraform-provider-vers\", [...], 0x1 /* 9 vars */) = 0\n"
      "1 openat(AT_FDCWD, \"/home/u/.ssh/x\", O_RDONLY|O_CREAT, 0600) = -1 ENOENT (No such file)\n"
      "1 openat(AT_FDCWD, \"/etc/ssl/certs\", O_RDONLY|O_CLOEXEC) = 3\n";
  REQUIRE(WriteFile(trace, clean).ok());
  CHECK(execs.test(bench.ctx).ok());
  CHECK(creates.test(bench.ctx).ok());
  REQUIRE(WriteFile(trace, clean + "2 execve(\"/usr/bin/ssh\", [\"ssh\"], 0x2) = 0\n").ok());
  CHECK(!execs.test(bench.ctx).ok());
  REQUIRE(WriteFile(trace, clean + "1 openat(AT_FDCWD, \"/tmp/key\", O_WRONLY|O_CREAT|O_TRUNC, "
                                   "0600) = 7\n")
              .ok());
  CHECK(!creates.test(bench.ctx).ok());
}

TEST_CASE("local files are made as described, with their SHA-256 and size", "[harness]") {
  Bench bench;
  MakeLocalFiles({TextFile("d/abc.txt", "abc", 0600), RandomFile("r.bin", 3 << 20), Fifo("d/fifo"),
                  Symlink("d/loop", "loop"), SparseFile("s.bin", 1ULL << 40)})(bench.ctx);
  namespace fs = std::filesystem;
  CHECK(bench.ctx.vars["sha:d/abc.txt"] ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(bench.ctx.vars["size:d/abc.txt"] == "3");
  CHECK((fs::status(bench.dir.File("d/abc.txt")).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(bench.ctx.vars["size:r.bin"] == std::to_string(3 << 20));
  CHECK(bench.ctx.vars["sha:r.bin"] == Sha256OfFile(bench.dir.File("r.bin")));
  CHECK(fs::is_fifo(fs::symlink_status(bench.dir.File("d/fifo"))));
  CHECK(fs::read_symlink(bench.dir.File("d/loop")) == "loop");
  CHECK(fs::file_size(bench.dir.File("s.bin")) == 1ULL << 40);
  CHECK(!bench.ctx.vars.contains("sha:s.bin"));  // never hashed: it would take minutes
}

TEST_CASE("an interrupt at a moment stops the command; its checks say when not", "[harness]") {
  Bench bench;
  CHECK(!StoppedByInterrupt().test(bench.ctx).ok());
  CHECK(!MomentReached().test(bench.ctx).ok());
  REQUIRE(WriteFile(bench.dir.File("held"), "x").ok());
  Moment opened = FileOpened("held");
  CHECK(!opened.reached(bench.ctx));
  {
    std::ifstream holder(bench.dir.File("held"));
    CHECK(opened.reached(bench.ctx));
  }
  auto sleeper = ChildProcess::Start({.argv = {"sleep", "300"}});
  REQUIRE(sleeper.ok());
  bench.ctx.running = sleeper.value().pid();
  InterruptAt({"now", [](Context&) { return true; }})(bench.ctx);
  CHECK(sleeper.value().Wait() == 128 + SIGINT);
  CHECK(StoppedByInterrupt().test(bench.ctx).ok());
  CHECK(MomentReached().test(bench.ctx).ok());
}

TEST_CASE("a state rewrite replaces the one occurrence", "[harness]") {
  Bench bench;
  REQUIRE(WriteFile(bench.dir.File("terraform.tfstate"), R"({"c": ["touch /x"]})").ok());
  RewriteState(R"("touch /x")", R"("touch /x\u0000y")")(bench.ctx);
  CHECK(ReadFile(bench.dir.File("terraform.tfstate")) == R"({"c": ["touch /x\u0000y"]})");
}

}  // namespace vers::acceptance
