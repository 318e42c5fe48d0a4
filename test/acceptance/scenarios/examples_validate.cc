// Every example folder under examples/ validates with this build, as
// shipped: the conventional layout's folders, import-by-string-id.tf included
// (validate does not check an import block's target: examples_apply.cc
// imports by it), and the scenarios. One validate step per folder.
#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "checks.h"

namespace vers::acceptance {

TEST_CASE("examples_validate") {
  namespace fs = std::filesystem;
  std::string root = RequiredEnv("VERS_SOURCE_DIR");
  std::set<std::string> folders;  // every folder holding a .tf file, relative to examples/
  for (const auto& entry : fs::recursive_directory_iterator(root + "/examples"))
    if (entry.path().extension() == ".tf")
      folders.insert(fs::relative(entry.path().parent_path(), root + "/examples").string());
  TestCase test_case{.destroy = false};
  // The whole tree, as shipped: an example may use a module beside it
  // (examples/layered-images/reuse uses ../layers), installed by `get`
  // before validating (a failed get shows as the validate's failure).
  test_case.steps.push_back(
      {.name = "the examples are copied", .copy_from = "examples", .command = Command::kNone});
  for (const std::string& folder : folders)
    test_case.steps.push_back({.name = "examples/" + folder + " validates",
                               .subdir = folder,
                               .pre_config = [](Context& ctx) { ctx.workspace.Run({"get"}); },
                               .command = Command::kValidate});
  test_case.steps.push_back(
      {.name = "every example folder is found",
       .command = Command::kNone,
       .checks = {That("more than 15 folders", [n = folders.size()](Context&) {
         return n > 15 ? Status::Ok() : Status::Error(std::to_string(n) + " folders");
       })}});
  Run("examples_validate", test_case);
}

}  // namespace vers::acceptance
