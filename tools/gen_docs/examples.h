// The example files a documentation page embeds, found at the conventional
// paths of hashicorp/terraform-plugin-docs (README "Conventional Paths"):
//   examples/provider/provider*.tf
//   examples/resources/<type>/resource*.tf, import.sh, import-by-string-id.tf
//   examples/data-sources/<type>/data-source*.tf
//   examples/ephemeral-resources/<type>/ephemeral-resource*.tf
// Other files in those folders (versions.tf, scripts) make each folder a
// configuration that applies as shipped, and are not shown.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace vers::docs {

struct PageExamples {
  std::vector<std::string> usage;  // each <stem>*.tf, by file name
  std::string import_block;        // import-by-string-id.tf ("" when absent)
  std::string import_command;      // import.sh ("" when absent)
};

// The examples in `dir` (e.g. examples/resources/vers_vm) whose usage files
// are named `stem`*.tf (e.g. "resource"). A missing folder has none.
PageExamples ReadExamples(const std::filesystem::path& dir, const std::string& stem);

// Type names by kind folder ("resources", "data-sources",
// "ephemeral-resources").
using TypesByKind = std::map<std::string, std::set<std::string>>;

// What is wrong with the layout of `examples` (each a sentence naming the
// path and what to do): folders of the older examples/<type>/ layout, folders
// for types the provider does not have, types without an example.
std::vector<std::string> CheckLayout(const std::filesystem::path& examples,
                                     const TypesByKind& types);

}  // namespace vers::docs
