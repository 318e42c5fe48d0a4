#include <catch2/catch.hpp>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/walk.h"

namespace tfplugin::schema {
namespace {

using cty::Type;
using cty::Value;

Block VmLikeBlock() {
  Block b;
  b.attributes = {
      Attribute::String("id").Computed().Modify(plan::UseStateForUnknown()),
      Attribute::String("state").Computed(),
      Attribute::Number("vcpu_count").Default(Value::Int(1)).Modify(plan::RequiresReplace()),
      Attribute::String("name").Optional(),
      Attribute::String("password").Optional().WriteOnly(),
      Attribute::Nested(
          "files", Nesting::kList,
          {Attribute::String("path").Required(), Attribute::String("sha").Computed()}),
  };
  b.blocks = {MakeNestedBlock("timeouts", Nesting::kSingle,
                              Block{{Attribute::String("create").Optional()}, {}, "", "", {}})};
  return b;
}

// An object of the block's type with the given attributes set, the rest null.
Value Obj(const Block& b, Value::Attributes set) {
  Type t = b.ValueType();
  Value::Attributes all;
  for (const auto& [name, at] : t.attributes()) all[name] = Value::Null(at);
  for (auto& [k, v] : set) all[k] = v;
  return Value::ObjectOfType(t, all);
}

Type FileType() { return Type::Object({{"path", Type::String()}, {"sha", Type::String()}}); }

}  // namespace

TEST_CASE("create: defaults applied, computed unknown, write-only nulled", "[schema][plan]") {
  Block b = VmLikeBlock();
  Value config = Obj(b, {{"name", Value::String("a")}, {"password", Value::String("s3cret")}});
  Value state = Value::Null(b.ValueType());
  PlannedChange c = PlanChange(b, config, state, config);
  REQUIRE_FALSE(c.diagnostics.HasError());
  CHECK(c.planned.GetAttr("vcpu_count") == Value::Int(1));
  CHECK_FALSE(c.planned.GetAttr("id").is_known());
  CHECK_FALSE(c.planned.GetAttr("state").is_known());
  CHECK(c.planned.GetAttr("name") == Value::String("a"));
  CHECK(c.planned.GetAttr("password").is_null());
  CHECK(c.requires_replace.empty());
}

TEST_CASE("no change: plan equals state, nothing unknown", "[schema][plan]") {
  Block b = VmLikeBlock();
  Value state = Obj(b, {{"id", Value::String("vm-1")},
                        {"state", Value::String("running")},
                        {"vcpu_count", Value::Int(1)}});
  Value config = Obj(b, {});
  // Terraform proposes prior values for computed attributes config leaves null.
  PlannedChange c = PlanChange(b, config, state, state);
  CHECK(c.planned == state);
  CHECK(c.requires_replace.empty());
}

TEST_CASE("update: use-state-for-unknown keeps id; others become unknown", "[schema][plan]") {
  Block b = VmLikeBlock();
  Value state = Obj(b, {{"id", Value::String("vm-1")},
                        {"state", Value::String("running")},
                        {"vcpu_count", Value::Int(1)}});
  Value config = Obj(b, {{"name", Value::String("renamed")}});
  Value proposed = Obj(b, {{"id", Value::String("vm-1")},
                           {"state", Value::String("running")},
                           {"vcpu_count", Value::Int(1)},
                           {"name", Value::String("renamed")}});
  PlannedChange c = PlanChange(b, config, state, proposed);
  CHECK(c.planned.GetAttr("id") == Value::String("vm-1"));
  CHECK_FALSE(c.planned.GetAttr("state").is_known());
  CHECK(c.requires_replace.empty());
}

TEST_CASE("requires-replace reports the attribute path", "[schema][plan]") {
  Block b = VmLikeBlock();
  Value state = Obj(b, {{"id", Value::String("vm-1")}, {"vcpu_count", Value::Int(1)}});
  Value config = Obj(b, {{"vcpu_count", Value::Int(4)}});
  Value proposed = Obj(b, {{"id", Value::String("vm-1")}, {"vcpu_count", Value::Int(4)}});
  PlannedChange c = PlanChange(b, config, state, proposed);
  REQUIRE(c.requires_replace.size() == 1);
  CHECK(c.requires_replace[0].ToString() == "vcpu_count");
}

TEST_CASE("nested attributes: computed parts of list elements become unknown", "[schema][plan]") {
  Block b = VmLikeBlock();
  Value file = Value::ObjectOfType(
      FileType(), {{"path", Value::String("/a")}, {"sha", Value::Null(Type::String())}});
  Value files = Value::List(FileType(), {file});
  Value config = Obj(b, {{"files", files}});
  PlannedChange c = PlanChange(b, config, Value::Null(b.ValueType()), config);
  Value planned_file = c.planned.GetAttr("files").AsElements().at(0);
  CHECK(planned_file.GetAttr("path") == Value::String("/a"));
  CHECK_FALSE(planned_file.GetAttr("sha").is_known());
}

TEST_CASE("validation runs validators and reports paths", "[schema][validate]") {
  Block b;
  b.attributes = {Attribute::String("mode").Optional().Validate(
      {"", [](const Value& v, const AttributePath& p, Diagnostics& d) {
         if (v.AsString() != "ok") d.AddError("bad", "not ok", p);
       }})};
  Diagnostics diags;
  ValidateConfig(b, Value::Object({{"mode", Value::String("nope")}}), diags);
  REQUIRE(diags.HasError());
  CHECK(diags.items()[0].path->ToString() == "mode");
  Diagnostics clean;
  ValidateConfig(b, Value::Object({{"mode", Value::Unknown(Type::String())}}), clean);
  CHECK_FALSE(clean.HasError());  // unknown values are checked later, when known
}

TEST_CASE("FindUnknown locates nested unknowns", "[schema]") {
  Value v =
      Value::Object({{"a", Value::Map(Type::String(), {{"k", Value::Unknown(Type::String())}})}});
  auto p = FindUnknown(v);
  REQUIRE(p);
  CHECK(p->ToString() == "a[\"k\"]");
  CHECK_FALSE(FindUnknown(Value::Object({{"a", Value::String("x")}})));
}

}  // namespace tfplugin::schema
