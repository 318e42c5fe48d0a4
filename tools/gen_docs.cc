// gen_docs: writes registry-layout documentation (docs/index.md,
// docs/resources/*.md, docs/data-sources/*.md, docs/ephemeral-resources/*.md)
// from the provider's own schema descriptions, so docs never drift from code.
//
//   gen_docs DOCS_DIR [EXAMPLES_DIR]
//
// A page embeds EXAMPLES_DIR/<type_name>/main.tf for a resource,
// EXAMPLES_DIR/data-sources/<type_name>/main.tf for a data source (the names
// overlap: vers_vm is both) and EXAMPLES_DIR/provider/main.tf for the index,
// as its example usage when that file exists.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "resources/vers_provider.h"

namespace {

using vers::schema::Attribute;
using vers::schema::Block;

std::string Kind(const Attribute& a) {
  if (a.required) return "Required";
  if (a.optional) return "Optional";
  return "Read-Only";
}

std::string TypeName(const Attribute& a) {
  if (a.nested) {
    switch (a.nested->nesting) {
      case vers::schema::Nesting::kSingle:
        return "Attributes";
      case vers::schema::Nesting::kList:
        return "Attributes List";
      case vers::schema::Nesting::kSet:
        return "Attributes Set";
      case vers::schema::Nesting::kMap:
        return "Attributes Map";
    }
  }
  return a.type.FriendlyName();
}

void WriteAttribute(std::ostream& out, const Attribute& a) {
  out << "- `" << a.name << "` (" << TypeName(a);
  if (a.sensitive) out << ", Sensitive";
  if (a.write_only) out << ", Write-only";
  if (!a.deprecation_message.empty()) out << ", Deprecated";
  out << ") " << a.description;
  for (const auto& v : a.validators) {
    if (!v.description.empty()) out << " " << v.description;
  }
  for (const auto& m : a.plan_modifiers) {
    if (m.description.starts_with("Changing")) out << " " << m.description;
  }
  if (a.default_value) out << " Defaults to `" << vers::cty::DebugString(*a.default_value) << "`.";
  out << "\n";
  if (a.nested) {
    for (const auto& n : a.nested->attributes) {
      out << "  ";
      WriteAttribute(out, n);
    }
  }
}

void WriteBlock(std::ostream& out, const Block& block) {
  for (const char* kind : {"Required", "Optional", "Read-Only"}) {
    bool header = false;
    for (const auto& a : block.attributes) {
      if (Kind(a) != kind) continue;
      if (!header) out << "\n### " << kind << "\n\n";
      header = true;
      WriteAttribute(out, a);
    }
  }
  for (const auto& b : block.blocks) {
    out << "\n### Nested block `" << b.type_name << "`\n\n" << b.block->description << "\n\n";
    for (const auto& a : b.block->attributes) WriteAttribute(out, a);
  }
}

std::filesystem::path g_examples;

// The example for `name`, or empty when there is none.
std::string Example(const std::string& name) {
  if (g_examples.empty()) return "";
  std::ifstream in(g_examples / name / "main.tf");
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WritePage(const std::filesystem::path& path, const std::string& title,
               const std::string& example_name, const vers::schema::Schema& s) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path);
  out << "---\npage_title: \"" << title << "\"\ndescription: |-\n  " << s.block.description
      << "\n---\n\n# " << title << "\n\n"
      << s.block.description << "\n";
  if (std::string example = Example(example_name); !example.empty()) {
    out << "\n## Example Usage\n\n```terraform\n" << example << "```\n";
  }
  out << "\n## Schema\n";
  WriteBlock(out, s.block);
}

std::string Short(const std::string& type_name) {
  return type_name.substr(type_name.find('_') + 1);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2 && argc != 3) {
    std::cerr << "usage: gen_docs DOCS_DIR [EXAMPLES_DIR]\n";
    return 2;
  }
  std::filesystem::path dir = argv[1];
  if (argc == 3) g_examples = argv[2];
  vers::provider::VersProvider provider;
  WritePage(dir / "index.md", "vers Provider", "provider", provider.GetSchema());
  for (const auto& r : provider.Resources()) {
    WritePage(dir / "resources" / (Short(r->TypeName()) + ".md"), r->TypeName() + " (Resource)",
              r->TypeName(), r->GetSchema());
  }
  for (const auto& d : provider.DataSources()) {
    WritePage(dir / "data-sources" / (Short(d->TypeName()) + ".md"),
              d->TypeName() + " (Data Source)", "data-sources/" + d->TypeName(), d->GetSchema());
  }
  for (const auto& e : provider.EphemeralResources()) {
    WritePage(dir / "ephemeral-resources" / (Short(e->TypeName()) + ".md"),
              e->TypeName() + " (Ephemeral Resource)", e->TypeName(), e->GetSchema());
  }
  return 0;
}
