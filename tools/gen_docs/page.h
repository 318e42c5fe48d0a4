// One documentation page as the Terraform Registry renders it (the layout of
// hashicorp/terraform-plugin-docs's default templates, internal/provider/
// template.go): front matter with page_title, subcategory and description;
// the title and description; "## Example Usage"; "## Schema"; and for a
// resource "## Import" with the import block and the import command.
#pragma once

#include <filesystem>
#include <string>

#include "plugin/schema/schema.h"
#include "resources/framework.h"
#include "tools/gen_docs/examples.h"

namespace vers::docs {

enum class Import { kNotAResource, kSupported, kUnsupported };

struct PageSpec {
  std::string name;  // "vers_vm"; for the provider's index page, "vers"
  std::string kind;  // "Resource", "Data Source", "Ephemeral Resource"; "" for the index
  const schema::Schema* schema = nullptr;
  PageExamples examples;
  Import import = Import::kNotAResource;
};

// Writes the page to `path`, making its folder.
void WritePage(const std::filesystem::path& path, const PageSpec& page);

// The Registry navigation group of a type: "VergeIO" for vers_vergeio_*,
// "Vers" for the rest.
std::string Subcategory(const std::string& type_name);

// Markdown as plain text, for front matter: code spans, emphasis and links
// reduced to their text.
std::string PlainMarkdown(const std::string& markdown);

}  // namespace vers::docs
