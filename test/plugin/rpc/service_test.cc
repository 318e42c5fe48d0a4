// Drives ProviderService in-process with real protobuf messages, through a
// small test provider, to check the framework's dispatch and answers.
#include "plugin/rpc/service.h"

#include <catch2/catch.hpp>

#include "plugin/cty/msgpack.h"
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"

namespace tfplugin {

namespace {

class TestContext final : public ProviderContext {
 public:
  int creates = 0;
  bool gone = false;
};
TestContext& Ctx(ProviderContext& c) { return static_cast<TestContext&>(c); }

using cty::Type;
using cty::Value;
using schema::Attribute;

class Thing final : public Resource {
 public:
  Thing() {
    schema_.version = 1;
    schema_.block.attributes = {
        Attribute::String("id").Computed().Modify(schema::plan::UseStateForUnknown()),
        Attribute::String("name").Required().Modify(schema::plan::RequiresReplace()),
        Attribute::Number("size").Default(Value::Int(10)),
        Attribute::String("token").Optional().WriteOnly(),
    };
    schema_.block.blocks = {schema::TimeoutsBlock({"create"})};
  }
  std::string TypeName() const override { return "test_thing"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Create(const CreateRequest& req, StateResponse& resp) const override {
    Ctx(req.ctx).creates++;
    Value::Attributes a = req.plan.AsAttributes();
    a["id"] = Value::String("t-" + req.plan.GetAttr("name").AsString());
    resp.state = Value::ObjectOfType(req.plan.type(), a);
  }
  void Read(const ReadRequest& req, ReadResponse& resp) const override {
    resp.state = req.state;
    resp.removed = Ctx(req.ctx).gone;
  }
  void Update(const UpdateRequest& req, StateResponse& resp) const override {
    resp.state = req.plan;
  }
  void Delete(const DeleteRequest&, DeleteResponse&) const override {}
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override {
    resp.state = ImportById(schema_, req.id);
  }
  // Version 0 called the attribute "label"; version 1 calls it "name".
  void UpgradeState(const UpgradeStateRequest& req, UpgradeStateResponse& resp) const override {
    REQUIRE(req.version == 0);
    std::string label = req.raw_json.substr(req.raw_json.find("\"label\":\"") + 9);
    label = label.substr(0, label.find('"'));
    Value::Attributes a;
    const Type type = schema_.ValueType();
    for (const auto& [n, t] : type.attributes()) a[n] = Value::Null(t);
    a["id"] = Value::String("t-" + label);
    a["name"] = Value::String(label);
    a["size"] = Value::Int(10);
    resp.state = Value::ObjectOfType(schema_.ValueType(), a);
  }

 private:
  schema::Schema schema_;
};

class TestProvider final : public Provider {
 public:
  TestProvider() { resources_.push_back(std::make_unique<Thing>()); }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Configure(const ConfigureRequest&, ConfigureResponse&) override { configured_ = true; }
  ProviderContext* GetContext() override { return configured_ ? &ctx_ : nullptr; }
  void Stop() override {}
  const std::vector<std::unique_ptr<Resource>>& Resources() const override { return resources_; }
  const std::vector<std::unique_ptr<DataSource>>& DataSources() const override { return none_; }
  const std::vector<std::unique_ptr<EphemeralResource>>& EphemeralResources() const override {
    return eph_;
  }
  TestContext ctx_;

 private:
  bool configured_ = false;
  schema::Schema schema_;
  std::vector<std::unique_ptr<Resource>> resources_;
  std::vector<std::unique_ptr<DataSource>> none_;
  std::vector<std::unique_ptr<EphemeralResource>> eph_;
};

Type ThingType() { return Thing().GetSchema().ValueType(); }

Value ThingValue(Value::Attributes set) {
  Value::Attributes all;
  const Type type = ThingType();
  for (const auto& [n, t] : type.attributes()) all[n] = Value::Null(t);
  for (auto& [k, v] : set) all[k] = v;
  return Value::ObjectOfType(ThingType(), all);
}

tfplugin6::DynamicValue Dyn(const Value& v) {
  tfplugin6::DynamicValue d;
  d.set_msgpack(cty::EncodeMsgpack(v, ThingType()).value());
  return d;
}

Value Decode(const tfplugin6::DynamicValue& d) {
  return cty::DecodeMsgpack(d.msgpack(), ThingType()).value();
}

struct Fixture {
  Fixture() {
    auto p = std::make_unique<TestProvider>();
    provider = p.get();
    service = std::make_unique<rpc::ProviderService>(
        std::move(p), ProviderIdentity{"test", "example/test", "terraform-provider-test"});
  }
  void Configure() {
    tfplugin6::ConfigureProvider::Request req;
    tfplugin6::ConfigureProvider::Response resp;
    service->ConfigureProvider(nullptr, &req, &resp);
  }
  TestProvider* provider;
  std::unique_ptr<rpc::ProviderService> service;
};

}  // namespace

TEST_CASE("schema response carries resources and capabilities", "[rpc]") {
  Fixture f;
  tfplugin6::GetProviderSchema::Request req;
  tfplugin6::GetProviderSchema::Response resp;
  REQUIRE(f.service->GetProviderSchema(nullptr, &req, &resp).ok());
  REQUIRE(resp.resource_schemas().count("test_thing") == 1);
  const auto& s = resp.resource_schemas().at("test_thing");
  CHECK(s.version() == 1);
  CHECK(s.block().attributes_size() == 4);
  CHECK(s.block().block_types(0).type_name() == "timeouts");
  CHECK(resp.server_capabilities().get_provider_schema_optional());
}

TEST_CASE("plan then apply a create; write-only never reaches state", "[rpc]") {
  Fixture f;
  f.Configure();
  Value config = ThingValue({{"name", Value::String("a")}, {"token", Value::String("s3cret")}});
  tfplugin6::PlanResourceChange::Request preq;
  preq.set_type_name("test_thing");
  *preq.mutable_prior_state() = Dyn(Value::Null(ThingType()));
  *preq.mutable_proposed_new_state() = Dyn(config);
  *preq.mutable_config() = Dyn(config);
  tfplugin6::PlanResourceChange::Response presp;
  REQUIRE(f.service->PlanResourceChange(nullptr, &preq, &presp).ok());
  REQUIRE(presp.diagnostics_size() == 0);
  Value planned = Decode(presp.planned_state());
  CHECK_FALSE(planned.GetAttr("id").is_known());
  CHECK(planned.GetAttr("size") == Value::Int(10));
  CHECK(planned.GetAttr("token").is_null());

  tfplugin6::ApplyResourceChange::Request areq;
  areq.set_type_name("test_thing");
  *areq.mutable_prior_state() = Dyn(Value::Null(ThingType()));
  *areq.mutable_planned_state() = presp.planned_state();
  *areq.mutable_config() = Dyn(config);
  tfplugin6::ApplyResourceChange::Response aresp;
  REQUIRE(f.service->ApplyResourceChange(nullptr, &areq, &aresp).ok());
  REQUIRE(aresp.diagnostics_size() == 0);
  Value state = Decode(aresp.new_state());
  CHECK(state.GetAttr("id") == Value::String("t-a"));
  CHECK(state.GetAttr("token").is_null());
  CHECK(f.provider->ctx_.creates == 1);
}

TEST_CASE("changing a requires-replace attribute asks for replacement", "[rpc]") {
  Fixture f;
  Value prior = ThingValue(
      {{"id", Value::String("t-a")}, {"name", Value::String("a")}, {"size", Value::Int(10)}});
  Value config = ThingValue({{"name", Value::String("b")}});
  Value proposed = ThingValue(
      {{"id", Value::String("t-a")}, {"name", Value::String("b")}, {"size", Value::Int(10)}});
  tfplugin6::PlanResourceChange::Request req;
  req.set_type_name("test_thing");
  *req.mutable_prior_state() = Dyn(prior);
  *req.mutable_proposed_new_state() = Dyn(proposed);
  *req.mutable_config() = Dyn(config);
  tfplugin6::PlanResourceChange::Response resp;
  f.service->PlanResourceChange(nullptr, &req, &resp);
  REQUIRE(resp.requires_replace_size() == 1);
  CHECK(resp.requires_replace(0).steps(0).attribute_name() == "name");
  CHECK(Decode(resp.planned_state()).GetAttr("id") == Value::String("t-a"));
}

TEST_CASE("apply before configure is a diagnostic, not a crash", "[rpc]") {
  Fixture f;
  tfplugin6::ApplyResourceChange::Request req;
  req.set_type_name("test_thing");
  *req.mutable_planned_state() = Dyn(ThingValue({{"name", Value::String("a")}}));
  tfplugin6::ApplyResourceChange::Response resp;
  REQUIRE(f.service->ApplyResourceChange(nullptr, &req, &resp).ok());
  REQUIRE(resp.diagnostics_size() == 1);
  CHECK(resp.diagnostics(0).summary() == "Provider not configured");
}

TEST_CASE("a resource gone remotely leaves state quietly", "[rpc]") {
  Fixture f;
  f.Configure();
  f.provider->ctx_.gone = true;
  tfplugin6::ReadResource::Request req;
  req.set_type_name("test_thing");
  *req.mutable_current_state() =
      Dyn(ThingValue({{"id", Value::String("t-a")}, {"name", Value::String("a")}}));
  tfplugin6::ReadResource::Response resp;
  f.service->ReadResource(nullptr, &req, &resp);
  CHECK(resp.diagnostics_size() == 0);
  CHECK(Decode(resp.new_state()).is_null());
}

// Numbers reach Terraform as decimal text, held as Terraform holds numbers of
// its JSON state (why: src/plugin/wire/convert.cc); a msgpack int here made
// Terraform v1.11's `plan -refresh-only -detailed-exitcode` exit 2.
TEST_CASE("a refresh answers numbers as decimal text", "[rpc]") {
  Fixture f;
  f.Configure();
  tfplugin6::ReadResource::Request req;
  req.set_type_name("test_thing");
  const Value prior = ThingValue(
      {{"id", Value::String("t-a")}, {"name", Value::String("a")}, {"size", Value::Int(512)}});
  *req.mutable_current_state() = Dyn(prior);
  tfplugin6::ReadResource::Response resp;
  f.service->ReadResource(nullptr, &req, &resp);
  CHECK(resp.diagnostics_size() == 0);
  CHECK(resp.new_state().msgpack().find("\xa4size\xa3"
                                        "512") != std::string::npos);
  CHECK(Decode(resp.new_state()) == prior);
}

TEST_CASE("import by id and state upgrade from an older schema", "[rpc]") {
  Fixture f;
  f.Configure();
  tfplugin6::ImportResourceState::Request ireq;
  ireq.set_type_name("test_thing");
  ireq.set_id("t-x");
  tfplugin6::ImportResourceState::Response iresp;
  f.service->ImportResourceState(nullptr, &ireq, &iresp);
  REQUIRE(iresp.imported_resources_size() == 1);
  CHECK(Decode(iresp.imported_resources(0).state()).GetAttr("id") == Value::String("t-x"));

  tfplugin6::UpgradeResourceState::Request ureq;
  ureq.set_type_name("test_thing");
  ureq.set_version(0);
  ureq.mutable_raw_state()->set_json(R"({"id":"t-old","label":"old"})");
  tfplugin6::UpgradeResourceState::Response uresp;
  f.service->UpgradeResourceState(nullptr, &ureq, &uresp);
  REQUIRE(uresp.diagnostics_size() == 0);
  CHECK(Decode(uresp.upgraded_state()).GetAttr("name") == Value::String("old"));

  // Same version: attributes no longer in the schema are dropped.
  ureq.set_version(1);
  ureq.mutable_raw_state()->set_json(
      R"({"id":"t-a","name":"a","size":10,"token":null,"timeouts":null,"removed_attr":"x"})");
  uresp.Clear();
  f.service->UpgradeResourceState(nullptr, &ureq, &uresp);
  REQUIRE(uresp.diagnostics_size() == 0);
  CHECK(Decode(uresp.upgraded_state()).GetAttr("size") == Value::Int(10));

  ureq.set_version(7);
  uresp.Clear();
  f.service->UpgradeResourceState(nullptr, &ureq, &uresp);
  REQUIRE(uresp.diagnostics_size() == 1);
  CHECK(uresp.diagnostics(0).summary() == "State from a newer provider");
}

TEST_CASE("unknown types and unsupported features answer with diagnostics", "[rpc]") {
  Fixture f;
  tfplugin6::ValidateResourceConfig::Request vreq;
  vreq.set_type_name("nope");
  tfplugin6::ValidateResourceConfig::Response vresp;
  f.service->ValidateResourceConfig(nullptr, &vreq, &vresp);
  REQUIRE(vresp.diagnostics_size() == 1);
  CHECK(vresp.diagnostics(0).summary() == "Unknown resource type");

  tfplugin6::MoveResourceState::Request mreq;
  tfplugin6::MoveResourceState::Response mresp;
  CHECK(f.service->MoveResourceState(nullptr, &mreq, &mresp).ok());
  CHECK(mresp.diagnostics_size() == 1);

  tfplugin6::PlanResourceChange::Request preq;
  preq.set_type_name("test_thing");
  preq.mutable_config()->set_msgpack("\xc1garbage");
  tfplugin6::PlanResourceChange::Response presp;
  CHECK(f.service->PlanResourceChange(nullptr, &preq, &presp).ok());
  REQUIRE(presp.diagnostics_size() == 1);
  CHECK(presp.diagnostics(0).summary() == "Invalid plan request");

  // A bad value after good ones is still caught, and nothing is applied.
  tfplugin6::ApplyResourceChange::Request areq;
  areq.set_type_name("test_thing");
  areq.mutable_planned_state()->set_msgpack("\xc1garbage");
  tfplugin6::ApplyResourceChange::Response aresp;
  CHECK(f.service->ApplyResourceChange(nullptr, &areq, &aresp).ok());
  REQUIRE(aresp.diagnostics_size() == 1);
  CHECK(aresp.diagnostics(0).summary() == "Invalid apply request");
  CHECK_FALSE(aresp.has_new_state());
}

}  // namespace tfplugin
