// The config validators the resources list in their schemas (the checks the
// ValidateConfig overrides of vers_vm_restore, vers_vm_branch and
// vers_repository made before): run as ValidateResourceConfig runs them.
#include <catch2/catch.hpp>

#include "plugin/schema/walk.h"
#include "resources/framework.h"
#include "resources/repository.h"
#include "resources/vm_restore.h"

namespace vers::resources {

using cty::Type;
using cty::Value;

namespace {

// A config of `r`'s schema with `set` given ("?" for unknown), the rest null.
Value Config(const Resource& r, std::map<std::string, const char*> set) {
  Value::Attributes a;
  const Type object = r.GetSchema().ValueType();
  for (const auto& [name, type] : object.attributes()) {
    auto it = set.find(name);
    if (it == set.end()) {
      a[name] = Value::Null(type);
    } else {
      a[name] = std::string(it->second) == "?" ? Value::Unknown(type) : Value::String(it->second);
    }
  }
  return Value::ObjectOfType(object, a);
}

Diagnostics Validate(const Resource& r, const Value& config) {
  Diagnostics d;
  schema::ValidateConfig(r.GetSchema().block, config, d);
  return d;
}

}  // namespace

TEST_CASE("vers_vm_restore takes exactly one of commit_id, tag_name and ref",
          "[resources][config_validators]") {
  VmRestore r;
  CHECK_FALSE(Validate(r, Config(r, {{"commit_id", "c1"}})).HasError());
  CHECK_FALSE(Validate(r, Config(r, {{"ref", "?"}})).HasError());  // unknown: set
  Diagnostics none = Validate(r, Config(r, {}));
  REQUIRE(none.HasError());
  CHECK(none.items()[0].path->ToString() == "commit_id");
  CHECK(none.items()[0].detail.find("commit_id, tag_name or ref") != std::string::npos);
  Diagnostics two = Validate(r, Config(r, {{"commit_id", "c1"}, {"tag_name", "?"}}));
  REQUIRE(two.HasError());
  CHECK(two.items()[0].path->ToString() == "tag_name");
}

TEST_CASE("vers_vm_branch takes exactly one source", "[resources][config_validators]") {
  VmBranch r;
  CHECK_FALSE(Validate(r, Config(r, {{"source_vm_id", "vm1"}})).HasError());
  CHECK(Validate(r, Config(r, {})).HasError());
  Diagnostics two = Validate(r, Config(r, {{"source_vm_id", "vm1"}, {"source_ref", "r:t"}}));
  REQUIRE(two.HasError());
  CHECK(two.items()[0].path->ToString() == "source_ref");
}

TEST_CASE("a vers_repository fork takes no description, and fork_tag_name needs fork_from",
          "[resources][config_validators]") {
  Repository r;
  CHECK_FALSE(Validate(r, Config(r, {{"name", "a"}, {"description", "d"}})).HasError());
  CHECK_FALSE(
      Validate(r, Config(r, {{"name", "a"}, {"fork_from", "o/r:t"}, {"fork_tag_name", "t"}}))
          .HasError());
  Diagnostics fork =
      Validate(r, Config(r, {{"name", "a"}, {"fork_from", "?"}, {"description", "d"}}));
  REQUIRE(fork.HasError());
  CHECK(fork.items()[0].path->ToString() == "description");
  CHECK(fork.items()[0].detail.find("fork request has none") != std::string::npos);
  Diagnostics tag = Validate(r, Config(r, {{"name", "a"}, {"fork_tag_name", "t"}}));
  REQUIRE(tag.HasError());
  CHECK(tag.items()[0].path->ToString() == "fork_tag_name");
  CHECK(tag.items()[0].detail.find("needs fork_from") != std::string::npos);
}

}  // namespace vers::resources
