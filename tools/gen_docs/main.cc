// gen_docs: writes the provider's documentation in the Terraform Registry's
// layout (docs/index.md, docs/resources/*.md, docs/data-sources/*.md,
// docs/ephemeral-resources/*.md) from the provider's own schema descriptions
// and the examples at terraform-plugin-docs's conventional paths (see
// examples.h), so the docs never drift from the code.
//
//   gen_docs DOCS_DIR EXAMPLES_DIR
//
// Fails, listing what to fix, when an example folder is in the old layout or
// names no type, a type has no example, or a resource's importability and
// its import examples disagree.
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "resources/context.h"
#include "resources/framework.h"
#include "resources/vers_provider.h"
#include "tools/gen_docs/page.h"

namespace {

namespace fs = std::filesystem;
using vers::docs::Import;
using vers::docs::PageSpec;

std::string Short(const std::string& type_name) {
  return type_name.substr(type_name.find('_') + 1);
}

// Whether the resource's ImportState does anything but refuse: it is asked,
// with a provider that has no API key (so that nothing is called), to import
// a made-up id; only the framework's default answers "Import not supported".
bool Importable(const vers::Resource& r) {
  vers::provider::VersContext ctx(vers::provider::Settings{}, std::nullopt);
  vers::ImportResponse resp;
  try {
    r.ImportState({"gen-docs-probe", ctx}, resp);
  } catch (const std::exception&) {
    return true;  // it tried to parse the id: not the framework's refusal
  }
  for (const auto& d : resp.diagnostics.items()) {
    if (d.summary == "Import not supported") return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: gen_docs DOCS_DIR EXAMPLES_DIR\n";
    return 2;
  }
  fs::path docs = argv[1];
  fs::path examples = argv[2];
  vers::provider::VersProvider provider;
  std::vector<std::string> problems;

  vers::docs::TypesByKind types;
  for (const auto& r : provider.Resources()) types["resources"].insert(r->TypeName());
  for (const auto& d : provider.DataSources()) types["data-sources"].insert(d->TypeName());
  for (const auto& e : provider.EphemeralResources()) {
    types["ephemeral-resources"].insert(e->TypeName());
  }
  problems = vers::docs::CheckLayout(examples, types);

  PageSpec index{"vers", "", &provider.GetSchema(),
                 vers::docs::ReadExamples(examples / "provider", "provider"),
                 Import::kNotAResource};
  if (index.examples.usage.empty()) problems.push_back("examples/provider/provider.tf is missing");
  vers::docs::WritePage(docs / "index.md", index);

  for (const auto& r : provider.Resources()) {
    PageSpec page{r->TypeName(), "Resource", &r->GetSchema(),
                  vers::docs::ReadExamples(examples / "resources" / r->TypeName(), "resource"),
                  Importable(*r) ? Import::kSupported : Import::kUnsupported};
    bool documented = !page.examples.import_command.empty();
    std::string where = "examples/resources/" + r->TypeName() + "/import.sh";
    if (page.import == Import::kSupported && !documented) {
      problems.push_back(r->TypeName() + " can be imported but " + where +
                         " is missing: list every id form its ImportState accepts");
    } else if (page.import == Import::kUnsupported &&
               (documented || !page.examples.import_block.empty())) {
      problems.push_back(r->TypeName() + " cannot be imported, yet its examples show an import");
    }
    vers::docs::WritePage(docs / "resources" / (Short(r->TypeName()) + ".md"), page);
  }
  for (const auto& d : provider.DataSources()) {
    PageSpec page{
        d->TypeName(), "Data Source", &d->GetSchema(),
        vers::docs::ReadExamples(examples / "data-sources" / d->TypeName(), "data-source"),
        Import::kNotAResource};
    vers::docs::WritePage(docs / "data-sources" / (Short(d->TypeName()) + ".md"), page);
  }
  for (const auto& e : provider.EphemeralResources()) {
    PageSpec page{e->TypeName(), "Ephemeral Resource", &e->GetSchema(),
                  vers::docs::ReadExamples(examples / "ephemeral-resources" / e->TypeName(),
                                           "ephemeral-resource"),
                  Import::kNotAResource};
    vers::docs::WritePage(docs / "ephemeral-resources" / (Short(e->TypeName()) + ".md"), page);
  }
  for (const auto& p : problems) std::cerr << "gen_docs: " << p << "\n";
  return problems.empty() ? 0 : 1;
}
