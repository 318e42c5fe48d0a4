// The harness's actions and checks added for the second workspace, secrets
// and the examples, without a CLI or backend ("unit: acceptance harness").
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "actions.h"
#include "checks.h"
#include "other_workspaces.h"
#include "secrets.h"
#include "support/examples_apply.h"
#include "temp_dir.h"

namespace vers::acceptance {
namespace {

// A workspace needs the provider's path only to write its CLI configuration.
void FakeProvider() { ::setenv("VERS_PROVIDER", "/nonexistent/terraform-provider-vers", 1); }

}  // namespace

TEST_CASE("ReplaceIn edits as sed does, and fails when nothing matches", "[harness]") {
  FakeProvider();
  TempDir dir("selftest");
  Workspace workspace(dir.path());
  Context ctx{.workspace = workspace};
  workspace.Write("main.tf", "a {\n  cache = x\n}\n");
  ReplaceIn("main.tf", "^  cache = x$", "$&\n  retain = false")(ctx);
  CHECK(ReadFile(dir.File("main.tf")) == "a {\n  cache = x\n  retain = false\n}\n");
  CHECK_THROWS_AS(ReplaceIn("main.tf", "^nothing$", "y")(ctx), std::runtime_error);
  Context with_n{.workspace = workspace, .vars = {{"N", "1"}}};
  AppendTo("main.tf", "# {{N}}\n")(with_n);
  CHECK(ReadFile(dir.File("main.tf")).ends_with("}\n# 1\n"));
}

TEST_CASE("other workspaces of a case are found from any of them", "[harness]") {
  FakeProvider();
  TempDir dir("selftest");
  Workspace sub(dir.path(), "ws2");
  Context ctx{.workspace = sub, .vars = {{"K", "v"}}};
  CHECK(CaseWorkspace(ctx, "").dir() == dir.path());
  CHECK(CaseWorkspace(ctx, "race").dir() == dir.path() + "/race");
  Check there = In("race", That("runs there", [&](Context& c) {
                     c.vars["SEEN"] = c.workspace.dir();
                     return Status::Ok();
                   }));
  CHECK(there.test(ctx).ok());
  CHECK(ctx.vars["SEEN"] == dir.path() + "/race");  // what it remembers is kept
}

TEST_CASE("a secret is found in any output under the case, or a named file", "[harness]") {
  FakeProvider();
  TempDir dir("selftest");
  Workspace workspace(dir.path());
  Context ctx{.workspace = workspace};
  std::filesystem::create_directories(dir.path() + "/import-3");
  REQUIRE(WriteFile(dir.File("step-1.out"), "nothing\n").ok());
  REQUIRE(WriteFile(dir.File("main.tf"), "s3cr3t in a file that is no output\n").ok());
  Check check = NotLeaked("s3cr3t", {"provider.log"});
  CHECK(check.test(ctx).ok());
  REQUIRE(WriteFile(dir.File("import-3/import.out"), "the s3cr3t\n").ok());
  CHECK(!check.test(ctx).ok());
  REQUIRE(WriteFile(dir.File("import-3/import.out"), "\n").ok());
  REQUIRE(WriteFile(dir.File("provider.log"), "value=s3cr3t\n").ok());
  CHECK(!check.test(ctx).ok());
  CHECK(FileHas("provider.log", "value=").test(ctx).ok());
  CHECK(!FileHas("provider.log", "vers api call").test(ctx).ok());
}

TEST_CASE("documented imports are read as the docs write them", "[harness]") {
  TempDir dir("selftest");
  ::setenv("VERS_SOURCE_DIR", dir.path().c_str(), 1);
  std::string folder = dir.path() + "/examples/resources/vers_x";
  std::filesystem::create_directories(folder);
  REQUIRE(WriteFile(folder + "/import-by-string-id.tf",
                    "import {\n  to = vers_x.a\n  # \"<id>\"\n  id = \"ID-1\"\n}\n")
              .ok());
  REQUIRE(WriteFile(folder + "/import.sh",
                    "# By id.\nterraform import vers_x.a 0d9b2f4e-6a41-4c59-9a8e-3f1c2b7d5e60\n\n"
                    "# By name: a replacement follows.\n"
                    "terraform import 'vers_x.b[0]' name:k=1\n")
              .ok());
  auto imports = DocumentedImports("resources/vers_x");
  REQUIRE(imports.size() == 3);
  CHECK((imports[0].how + " " + imports[0].address + " " + imports[0].id) == "block vers_x.a ID-1");
  CHECK(!imports[0].replaces);
  CHECK(imports[1].id == "0d9b2f4e-6a41-4c59-9a8e-3f1c2b7d5e60");
  CHECK(!imports[1].replaces);
  CHECK((imports[2].how + " " + imports[2].address + " " + imports[2].id) ==
        "command vers_x.b[0] name:k=1");
  CHECK(imports[2].replaces);
  CHECK(ExampleFolders() == std::vector<std::string>{"resources/vers_x"});
}

TEST_CASE("Require runs a check as an action, so a check can remember a value", "[harness]") {
  FakeProvider();
  TempDir dir("selftest");
  Workspace workspace(dir.path());
  Context ctx{.workspace = workspace};
  Action remember = Require(That("remembers", [](Context& c) {
    c.vars["R"] = "kept";
    return Status::Ok();
  }));
  remember(ctx);
  CHECK(ctx.vars["R"] == "kept");
}

}  // namespace vers::acceptance
