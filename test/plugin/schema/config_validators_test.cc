// The declarative config validators: null is unset, unknown is set (it will
// be known), and each error sits on an attribute path and says what is
// accepted.
#include "plugin/schema/config_validators.h"

#include <catch2/catch.hpp>

#include "plugin/schema/walk.h"

namespace tfplugin::schema {

using cty::Type;
using cty::Value;

namespace {

struct ThreeAttrs : AttrSet {
  Attr<std::string> a{this, "a"};
  Attr<std::string> b{this, "b"};
  Attr<int64_t> c{this, "c"};
};
const ThreeAttrs kT;

Value Str(const char* s) { return s ? Value::String(s) : Value::Null(Type::String()); }

// A config with a and b as given (nullptr: null, "?": unknown) and c null.
Value Config(const char* a, const char* b, bool c_set = false) {
  auto v = [](const char* s) {
    return s && std::string(s) == "?" ? Value::Unknown(Type::String()) : Str(s);
  };
  return Value::ObjectOfType(
      kT.ObjectType(),
      {{"a", v(a)}, {"b", v(b)}, {"c", c_set ? Value::Int(1) : Value::Null(Type::Number())}});
}

Diagnostics Run(const ConfigValidator& v, const Value& config) {
  Diagnostics d;
  v.check(config, d);
  return d;
}

}  // namespace

TEST_CASE("ExactlyOneOf: one set passes, none or two fail on a named path",
          "[schema][config_validators]") {
  auto v = ExactlyOneOf({kT.a, kT.b, kT.c});
  CHECK(v.description == "Exactly one of `a`, `b` or `c` must be set.");
  CHECK_FALSE(Run(v, Config("x", nullptr)).HasError());
  CHECK_FALSE(Run(v, Config(nullptr, nullptr, true)).HasError());

  Diagnostics none = Run(v, Config(nullptr, nullptr));
  REQUIRE(none.HasError());
  CHECK(none.items()[0].summary == "Missing argument");
  CHECK(none.items()[0].detail == "Set exactly one of a, b or c; none is set.");
  CHECK(none.items()[0].path->ToString() == "a");

  Diagnostics two = Run(v, Config("x", nullptr, true));
  REQUIRE(two.HasError());
  CHECK(two.items()[0].summary == "Conflicting arguments");
  CHECK(two.items()[0].detail == "a and c are both set; set exactly one of a, b or c.");
  CHECK(two.items()[0].path->ToString() == "c");
}

TEST_CASE("ExactlyOneOf counts an unknown as set and a null as unset",
          "[schema][config_validators]") {
  auto v = ExactlyOneOf({kT.a, kT.b});
  CHECK_FALSE(Run(v, Config("?", nullptr)).HasError());
  CHECK(Run(v, Config("?", "y")).HasError());
  CHECK(Run(v, Config("?", "?")).HasError());
  CHECK(Run(v, Config(nullptr, nullptr)).HasError());
}

TEST_CASE("AtLeastOneOf fails only when every one is null", "[schema][config_validators]") {
  auto v = AtLeastOneOf({kT.a, kT.b}, "A VM needs a source.");
  CHECK_FALSE(Run(v, Config("x", "y")).HasError());
  CHECK_FALSE(Run(v, Config(nullptr, "?")).HasError());
  Diagnostics d = Run(v, Config(nullptr, nullptr));
  REQUIRE(d.HasError());
  CHECK(d.items()[0].detail == "Set at least one of a or b; none is set. A VM needs a source.");
  CHECK(d.items()[0].path->ToString() == "a");
}

TEST_CASE("ConflictsWith fails when both are set, unknown included",
          "[schema][config_validators]") {
  auto v = ConflictsWith(kT.a, {kT.b});
  CHECK_FALSE(Run(v, Config("x", nullptr)).HasError());
  CHECK_FALSE(Run(v, Config(nullptr, "y")).HasError());
  CHECK_FALSE(Run(v, Config(nullptr, nullptr)).HasError());
  Diagnostics d = Run(v, Config("x", "?"));
  REQUIRE(d.HasError());
  CHECK(d.items()[0].summary == "Conflicting arguments");
  CHECK(d.items()[0].detail == "a cannot be set together with b: remove one of them.");
  CHECK(d.items()[0].path->ToString() == "a");
}

TEST_CASE("AlsoRequires names the missing attributes", "[schema][config_validators]") {
  auto v = AlsoRequires(kT.a, {kT.b, kT.c});
  CHECK_FALSE(Run(v, Config(nullptr, nullptr)).HasError());
  CHECK_FALSE(Run(v, Config("?", "y", true)).HasError());
  Diagnostics d = Run(v, Config("x", "?"));
  REQUIRE(d.HasError());
  CHECK(d.items()[0].detail == "a needs c to be set too; set c or remove a.");
  CHECK(d.items()[0].path->ToString() == "a");
}

TEST_CASE("a block's config validators run with its validation, not on unknown configs",
          "[schema][config_validators]") {
  Block block;
  block.attributes = {kT.a.Declare().Optional(), kT.b.Declare().Optional(),
                      kT.c.Declare().Optional()};
  block.validators = {ExactlyOneOf({kT.a, kT.b})};
  Diagnostics d;
  ValidateConfig(block, Config(nullptr, nullptr), d);
  CHECK(d.HasError());
  Diagnostics unknown;
  ValidateConfig(block, Value::Unknown(block.ValueType()), unknown);
  CHECK_FALSE(unknown.HasError());
}

TEST_CASE("CheckAttrSet reports descriptors absent from the schema or of another type",
          "[schema][attr]") {
  CHECK(CheckAttrSet(kT, kT.ObjectType()).empty());
  auto problems = CheckAttrSet(
      kT, Type::Object({{"a", Type::String()}, {"c", Type::String()}, {"d", Type::Bool()}}));
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "descriptor \"b\" is not in the schema");
  CHECK(problems[1] == "descriptor \"c\" has type \"number\" but the schema declares \"string\"");
}

}  // namespace tfplugin::schema
