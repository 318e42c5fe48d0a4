// A resource and provider for the framework server's planning tests
// (plan_test.cc): a set nested attribute, a list block and a timeouts block,
// with a ModifyPlan that records what it saw; and values of its types.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/server/server.h"

namespace tfplugin::server::plan_testing {

using cty::Type;
using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

inline Type EntryType() {
  return Type::Object({{"name", Type::String()}, {"serial", Type::Number()}});
}
inline Type DiskType() {
  return Type::Object({{"size", Type::Number()}, {"uuid", Type::String()}});
}

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

inline Value Entry(const std::string& name, std::optional<int64_t> serial) {
  return Value::ObjectOfType(
      EntryType(), {{"name", Value::String(name)},
                    {"serial", serial ? Value::Int(*serial) : Value::Null(Type::Number())}});
}
inline Value Entries(std::vector<Value> e) { return Value::Set(EntryType(), std::move(e)); }
inline Value Disk(int64_t size, std::optional<std::string> uuid) {
  return Value::ObjectOfType(DiskType(),
                             {{"size", Value::Int(size)},
                              {"uuid", uuid ? Value::String(*uuid) : Value::Null(Type::String())}});
}
inline Value Disks(std::vector<Value> d) { return Value::List(DiskType(), std::move(d)); }

}  // namespace tfplugin::server::plan_testing
