// The harness's own pieces, without a CLI or backend ("unit: acceptance
// harness"): a check that cannot fail would hide every scenario's failures.
#include <catch2/catch.hpp>

#include "import_verify.h"
#include "json_flat.h"
#include "process.h"
#include "temp_dir.h"
#include "workspace.h"

namespace vers::acceptance {

TEST_CASE("flatten gives terraform-plugin-testing's flatmap", "[harness]") {
  auto flat =
      Flatten(R"({"id":"a","n":1024,"b":true,"z":null,"labels":{"env":"e2e"},"ids":["x","y"]})");
  REQUIRE(flat.ok());
  FlatMap expected = {{"%", "6"},     {"id", "a"},       {"n", "1024"},
                      {"b", "true"},  {"labels.%", "1"}, {"labels.env", "e2e"},
                      {"ids.#", "2"}, {"ids.0", "x"},    {"ids.1", "y"}};
  CHECK(flat.value() == expected);
  CHECK(Under(flat.value(), "labels") == FlatMap{{"%", "1"}, {"env", "e2e"}});
  CHECK(!Flatten("not json").ok());
  CHECK(Field(R"({"a":{"b":"c"}})", "/a/b").value() == "c");
}

TEST_CASE("import verification finds every difference but the ignored", "[harness]") {
  FlatMap applied = {{"id", "1"}, {"labels.env", "e2e"}, {"original.ram", "2048"}};
  CHECK(CompareAttributes(applied, applied, {}).ok());
  FlatMap imported = {{"id", "1"}, {"labels.env", "prod"}, {"extra", "x"}};
  Status differs = CompareAttributes(applied, imported, {});
  REQUIRE(!differs.ok());
  CHECK(differs.message().find("labels.env") != std::string::npos);
  CHECK(differs.message().find("original.ram") != std::string::npos);
  CHECK(differs.message().find("extra") != std::string::npos);
  CHECK(CompareAttributes(applied, imported, {"labels", "original", "extra"}).ok());
  CHECK(!CompareAttributes(applied, imported, {"label", "original", "extra"}).ok());
}

TEST_CASE("output matching ignores line wrapping only", "[harness]") {
  CHECK(ContainsText("would send the API\n  key in clear", "would send the API key in clear"));
  CHECK(!ContainsText("would send the key", "would send the API key"));
}

TEST_CASE("subprocesses run from argv with a changed environment", "[harness]") {
  ::setenv("VERS_HARNESS_SELFTEST", "inherited", 1);
  auto removed =
      RunToEnd({.argv = {"sh", "-c", "echo \"[$VERS_HARNESS_SELFTEST][$ADDED]\"; exit 3"},
                .env = {{"VERS_HARNESS_SELFTEST", std::nullopt}, {"ADDED", "a b"}}});
  REQUIRE(removed.ok());
  CHECK(removed.value().exit_code == 3);
  CHECK(removed.value().output == "[][a b]\n");
  auto missing = RunToEnd({.argv = {"/nonexistent/program"}});
  REQUIRE(missing.ok());
  CHECK(missing.value().exit_code == 127);
}

TEST_CASE("a temporary directory goes with its owner", "[harness]") {
  std::string path;
  {
    TempDir dir("selftest");
    path = dir.path();
    REQUIRE(WriteFile(dir.File("x"), "y").ok());
    CHECK(ReadFile(dir.File("x")) == "y");
  }
  CHECK(ReadFile(path + "/x").empty());
}

}  // namespace vers::acceptance
