// What scenarios/examples_apply.cc reads from examples/ and from the
// emulators: the example folders, each resource's documented import forms,
// the provider settings a test adds, and what VergeIO examples may leave.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "actions.h"

namespace vers::acceptance {

// Every folder of .tf files under $VERS_SOURCE_DIR/examples ("provider",
// "resources/vers_vm", "vergeio", …), sorted.
std::vector<std::string> ExampleFolders();

// One documented import: HOW is "block" (import-by-string-id.tf, an import
// block) or "command" (a `terraform import ADDRESS ID` line of import.sh);
// REPLACES when the comments before it (or in the .tf file) say that a
// replacement follows the import.
struct DocumentedImport {
  std::string how, address, id;
  bool replaces = false;
};
std::vector<DocumentedImport> DocumentedImports(const std::string& folder);

// The file (name, content) giving the example FOLDER the emulators' CAs: an
// override file amending the example's provider "vers" block, else a
// provider file of its own; the vergeio block for VergeIO examples.
std::pair<std::string, std::string> ProviderFile(const std::string& folder);

// Remembers {{IMPORT_ID}}: DOC_ID with a stand-in the docs cannot know (a
// UUID or a numeric key before its first ':') replaced by ADDRESS's real id.
Check ImportIdFor(std::string address, std::string doc_id);

// VergeIO's VMs (name, cores, RAM, description, is_snapshot), and the numbers
// of snapshots, tags and tag members: what a VergeIO example may leave.
// Tag categories are not counted: vers_vergeio_vm_metadata makes its
// category when missing and keeps it, as it cannot tell whether another
// configuration uses it (scenarios/vergeio.cc checks tags and members).
std::string VergeioHoldings(const Context& ctx);

}  // namespace vers::acceptance
