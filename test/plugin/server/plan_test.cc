// The framework server's planning rules (server.h, PlanResourceChange) with
// plain values, no protobuf: the order of defaults, computed-unknown marking,
// plan modifiers and ModifyPlan; set elements keeping their prior state;
// nested blocks; replace paths; private state and destroy.
#include <catch2/catch.hpp>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/server/server.h"

namespace tfplugin::server {
namespace {

using cty::Type;
using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

Type EntryType() { return Type::Object({{"name", Type::String()}, {"serial", Type::Number()}}); }
Type DiskType() { return Type::Object({{"size", Type::Number()}, {"uuid", Type::String()}}); }

// A resource with a set nested attribute, a list block and a timeouts block;
// its ModifyPlan records what it saw and replaces when "name" is "replace-me".
class Box final : public Resource {
 public:
  Box() {
    schema::Block disk;
    disk.attributes = {Attribute::Number("size").Required().Modify(plan::RequiresReplace()),
                       Attribute::String("uuid").Computed()};
    schema_.block.attributes = {
        Attribute::String("id").Computed().Modify(plan::UseStateForUnknown()),
        Attribute::String("name").Required(),
        Attribute::Number("count").Default(Value::Int(1)),
        Attribute::String("status").Computed(),
        Attribute::Nested(
            "entries", schema::Nesting::kSet,
            {Attribute::String("name").Required(), Attribute::Number("serial").Computed()})
            .Optional(),
    };
    schema_.block.blocks = {
        schema::MakeNestedBlock("disk", schema::Nesting::kList, std::move(disk)),
        schema::TimeoutsBlock({"create"})};
  }
  std::string TypeName() const override { return "test_box"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const override {
    seen_plan = resp.plan;  // the plan of the schema's rules (4), before any change here
    if (resp.plan.GetAttr("name") == Value::String("replace-me"))
      resp.requires_replace.push_back(AttributePath().Attribute("name"));
    (void)req;
  }
  void Create(const CreateRequest&, StateResponse&) const override {}
  void Read(const ReadRequest&, ReadResponse&) const override {}
  void Update(const UpdateRequest&, StateResponse&) const override {}
  void Delete(const DeleteRequest&, DeleteResponse&) const override {}

  mutable Value seen_plan;

 private:
  schema::Schema schema_;
};

class BoxProvider final : public Provider {
 public:
  BoxProvider() { resources_.push_back(std::make_unique<Box>()); }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, ConfigureResponse&) override {}
  ProviderContext* GetContext() override { return nullptr; }
  void Stop() override {}
  const std::vector<std::unique_ptr<Resource>>& Resources() const override { return resources_; }
  const std::vector<std::unique_ptr<DataSource>>& DataSources() const override { return data_; }
  const std::vector<std::unique_ptr<EphemeralResource>>& EphemeralResources() const override {
    return ephemeral_;
  }
  Box& box() { return static_cast<Box&>(*resources_[0]); }

 private:
  schema::Schema schema_;
  std::vector<std::unique_ptr<Resource>> resources_;
  std::vector<std::unique_ptr<DataSource>> data_;
  std::vector<std::unique_ptr<EphemeralResource>> ephemeral_;
};

struct Fixture {
  Fixture() {
    auto p = std::make_unique<BoxProvider>();
    provider = p.get();
    server = std::make_unique<Server>(std::move(p), ProviderIdentity{});
  }
  Type type() const { return provider->box().GetSchema().ValueType(); }
  // An object of the resource's type: `set` over all-null attributes.
  Value Obj(Value::Attributes set) const {
    const Type t = type();
    Value::Attributes all;
    for (const auto& [name, at] : t.attributes()) all[name] = Value::Null(at);
    for (auto& [k, v] : set) all[k] = v;
    return Value::ObjectOfType(t, all);
  }
  PlanResponse Plan(const Value& prior, const Value& proposed, const Value& config,
                    std::string priv = "") const {
    PlanResponse resp;
    server->PlanResourceChange({"test_box", prior, proposed, config, std::move(priv)}, resp);
    return resp;
  }
  BoxProvider* provider;
  std::unique_ptr<Server> server;
};

Value Entry(const std::string& name, std::optional<int64_t> serial) {
  return Value::ObjectOfType(
      EntryType(), {{"name", Value::String(name)},
                    {"serial", serial ? Value::Int(*serial) : Value::Null(Type::Number())}});
}
Value Entries(std::vector<Value> e) { return Value::Set(EntryType(), std::move(e)); }
Value Disk(int64_t size, std::optional<std::string> uuid) {
  return Value::ObjectOfType(DiskType(),
                             {{"size", Value::Int(size)},
                              {"uuid", uuid ? Value::String(*uuid) : Value::Null(Type::String())}});
}
Value Disks(std::vector<Value> d) { return Value::List(DiskType(), std::move(d)); }

}  // namespace

TEST_CASE("plan: unknown type is a diagnostic and nothing is planned", "[server][plan]") {
  Fixture f;
  PlanResponse resp;
  f.server->PlanResourceChange({"test_nope", {}, {}, {}, "p"}, resp);
  CHECK(resp.diagnostics.HasError());
  CHECK_FALSE(resp.planned);
  CHECK(resp.planned_private.empty());
}

TEST_CASE("plan: destroy plans null, keeps private, runs no rule", "[server][plan]") {
  Fixture f;
  Value prior = f.Obj({{"id", Value::String("b-1")}, {"name", Value::String("replace-me")}});
  f.provider->box().seen_plan = Value::String("untouched");
  PlanResponse resp = f.Plan(prior, Value::Null(f.type()), Value::Null(f.type()), "secret");
  REQUIRE(resp.planned);
  CHECK(resp.planned->is_null());
  CHECK(resp.planned_private == "secret");
  CHECK(resp.requires_replace.empty());
  CHECK(f.provider->box().seen_plan == Value::String("untouched"));  // no ModifyPlan
}

TEST_CASE("plan: create applies defaults and unknowns before ModifyPlan sees it",
          "[server][plan]") {
  Fixture f;
  Value config = f.Obj({{"name", Value::String("a")},
                        {"entries", Entries({Entry("x", std::nullopt)})},
                        {"disk", Disks({Disk(10, std::nullopt)})}});
  PlanResponse resp = f.Plan(Value::Null(f.type()), config, config, "");
  REQUIRE(resp.planned);
  const Value& seen = f.provider->box().seen_plan;
  CHECK(seen == *resp.planned);
  CHECK(seen.GetAttr("count") == Value::Int(1));  // 4c default
  CHECK_FALSE(seen.GetAttr("id").is_known());     // 4d; UseStateForUnknown has no state
  CHECK_FALSE(seen.GetAttr("status").is_known());
  CHECK_FALSE(seen.GetAttr("entries").AsElements()[0].GetAttr("serial").is_known());
  CHECK_FALSE(seen.GetAttr("disk").AsElements()[0].GetAttr("uuid").is_known());
  CHECK(resp.requires_replace.empty());  // nothing replaces on create
}

TEST_CASE("plan: update keeps unchanged set elements' prior state", "[server][plan]") {
  Fixture f;
  Value prior = f.Obj({{"id", Value::String("b-1")},
                       {"name", Value::String("a")},
                       {"count", Value::Int(1)},
                       {"status", Value::String("ok")},
                       {"entries", Entries({Entry("x", 1), Entry("y", 2)})},
                       {"disk", Disks({Disk(10, "u-1")})}});
  // The user renames the box and replaces entry y by z. Core proposes the
  // kept element x with its prior serial, z with a null one.
  Value config = f.Obj({{"name", Value::String("b")},
                        {"entries", Entries({Entry("x", std::nullopt), Entry("z", std::nullopt)})},
                        {"disk", Disks({Disk(10, std::nullopt)})}});
  Value proposed = f.Obj({{"id", Value::String("b-1")},
                          {"name", Value::String("b")},
                          {"count", Value::Int(1)},
                          {"status", Value::String("ok")},
                          {"entries", Entries({Entry("x", 1), Entry("z", std::nullopt)})},
                          {"disk", Disks({Disk(10, "u-1")})}});
  PlanResponse resp = f.Plan(prior, proposed, config, "p");
  REQUIRE(resp.planned);
  const Value& planned = *resp.planned;
  CHECK(planned.GetAttr("id") == Value::String("b-1"));  // 4e UseStateForUnknown after 4d
  CHECK_FALSE(planned.GetAttr("status").is_known());     // 4d: the box changes
  CHECK(resp.planned_private == "p");
  bool saw_x = false, saw_z = false;
  for (const auto& e : planned.GetAttr("entries").AsElements()) {
    if (e.GetAttr("name") == Value::String("x")) {
      saw_x = true;
      CHECK(e.GetAttr("serial") == Value::Int(1));  // 4a: equal prior element, kept
    } else {
      saw_z = true;
      CHECK_FALSE(e.GetAttr("serial").is_known());  // a new element
    }
  }
  CHECK((saw_x && saw_z));
  // A list block element pairs by index: its computed uuid becomes unknown
  // (the resource changes) and nothing replaces.
  CHECK_FALSE(planned.GetAttr("disk").AsElements()[0].GetAttr("uuid").is_known());
  CHECK(resp.requires_replace.empty());
}

TEST_CASE("plan: no change plans the prior state exactly", "[server][plan]") {
  Fixture f;
  Value prior = f.Obj({{"id", Value::String("b-1")},
                       {"name", Value::String("a")},
                       {"count", Value::Int(1)},
                       {"status", Value::String("ok")},
                       {"entries", Entries({Entry("x", 1)})},
                       {"disk", Disks({Disk(10, "u-1")})}});
  Value config = f.Obj({{"name", Value::String("a")},
                        {"entries", Entries({Entry("x", std::nullopt)})},
                        {"disk", Disks({Disk(10, std::nullopt)})}});
  PlanResponse resp = f.Plan(prior, prior, config);
  REQUIRE(resp.planned);
  CHECK(*resp.planned == prior);
}

TEST_CASE("plan: replace paths from nested blocks, then ModifyPlan's", "[server][plan]") {
  Fixture f;
  Value prior = f.Obj({{"id", Value::String("b-1")},
                       {"name", Value::String("a")},
                       {"count", Value::Int(1)},
                       {"disk", Disks({Disk(10, "u-1")})}});
  Value config = f.Obj({{"name", Value::String("replace-me")}, {"disk", Disks({Disk(20, {})})}});
  Value proposed = f.Obj({{"id", Value::String("b-1")},
                          {"name", Value::String("replace-me")},
                          {"count", Value::Int(1)},
                          {"disk", Disks({Disk(20, "u-1")})}});
  PlanResponse resp = f.Plan(prior, proposed, config);
  REQUIRE(resp.requires_replace.size() == 2);
  CHECK(resp.requires_replace[0].ToString() == "disk[0].size");  // 6: the schema's first
  CHECK(resp.requires_replace[1].ToString() == "name");          // then ModifyPlan's
}

TEST_CASE("plan: timeouts are planned as configured and never replace", "[server][plan]") {
  Fixture f;
  Type timeouts = f.type().attributes().at("timeouts");
  Value prior = f.Obj({{"id", Value::String("b-1")},
                       {"name", Value::String("a")},
                       {"count", Value::Int(1)},
                       {"status", Value::String("ok")}});
  Value t = Value::ObjectOfType(timeouts, {{"create", Value::String("5m")}});
  Value config = f.Obj({{"name", Value::String("a")}, {"timeouts", t}});
  Value proposed = f.Obj({{"id", Value::String("b-1")},
                          {"name", Value::String("a")},
                          {"count", Value::Int(1)},
                          {"status", Value::String("ok")},
                          {"timeouts", t}});
  PlanResponse resp = f.Plan(prior, proposed, config);
  REQUIRE(resp.planned);
  CHECK(resp.planned->GetAttr("timeouts") == t);
  CHECK(resp.requires_replace.empty());
}

}  // namespace tfplugin::server
