// The start-up check of typed attributes (plugin/schema/attr.h) over the
// whole provider: every descriptor a resource, data source or ephemeral
// resource reads and writes is in its schema with the same type, and every
// attribute of its schema is declared by a descriptor (no attribute is
// named by a bare string), so a misspelled or stray name fails here.
#include <catch2/catch.hpp>

#include "plugin/schema/attr.h"
#include "resources/framework.h"
#include "resources/vergeio_config.h"
#include "resources/vers_provider.h"

namespace vers::provider {

namespace {

// Problems of one schema, each prefixed by `type_name`.
std::vector<std::string> Check(const std::string& type_name, const schema::Schema& schema) {
  std::vector<std::string> problems;
  // A schema with no descriptors at all is written in the string style (e.g.
  // merged from a branch that predates attr.h; values.h has no string-named
  // access any more, but a schema can still be built from Attribute::String):
  // every attribute of it is reported below.
  if (schema.attr_sets.empty())
    problems.push_back(type_name +
                       " names its attributes by strings: declare them with "
                       "descriptors (plugin/schema/attr.h) in schema.attr_sets");
  std::set<std::string> described;
  for (const auto* set : schema.attr_sets) {
    for (const auto& p : schema::CheckAttrSet(*set, schema.ValueType()))
      problems.push_back(type_name + ": " + p);
    for (const auto& e : set->entries()) described.insert(e.name);
  }
  for (const auto& a : schema.block.attributes) {
    if (!described.count(a.name))
      problems.push_back(type_name + ": attribute \"" + a.name + "\" has no descriptor");
  }
  return problems;
}

}  // namespace

TEST_CASE("every schema of the provider is declared and used through its descriptors",
          "[attr][provider]") {
  VersProvider provider;
  std::vector<std::string> problems = Check("provider", provider.GetSchema());
  size_t checked = 1;
  auto add = [&](const auto& list) {
    for (const auto& r : list) {
      auto p = Check(r->TypeName(), r->GetSchema());
      problems.insert(problems.end(), p.begin(), p.end());
      ++checked;
    }
  };
  add(provider.Resources());
  add(provider.DataSources());
  add(provider.EphemeralResources());
  // The provider's nested vergeio block has its own set.
  for (const auto& p : schema::CheckAttrSet(kVergeioBlock, VergeioBlock().block->ValueType()))
    problems.push_back("provider.vergeio: " + p);
  CHECK(checked > 10);
  for (const auto& p : problems) UNSCOPED_INFO(p);
  CHECK(problems.empty());
}

}  // namespace vers::provider
