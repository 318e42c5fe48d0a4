// The framework server's planning rules (server.h, PlanResourceChange) with
// plain values, no protobuf: the order of defaults, computed-unknown marking,
// plan modifiers and ModifyPlan; set elements keeping their prior state;
// nested blocks; replace paths; private state and destroy.
#include "plan_fixture.h"

namespace tfplugin::server {

using namespace plan_testing;  // NOLINT: the fixture's names, in this file only

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
