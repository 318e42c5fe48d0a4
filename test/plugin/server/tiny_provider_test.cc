// The framework server driving the tiny provider (test/plugin/tiny_provider),
// a provider other than vers, through a whole life: configure, plan and apply
// a create, an empty re-plan, an update keeping unchanged set elements, read
// after removal, a data source, destroy; its identity in diagnostics.
#include "test/plugin/tiny_provider/tiny_provider.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "plugin/server/server.h"

namespace tfplugin::server {
namespace {

using cty::Type;
using cty::Value;

struct Tiny {
  Tiny() : server(tiny::NewProvider(), tiny::Identity()) {
    dir =
        std::filesystem::temp_directory_path() / ("tiny-server-test-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
  }
  ~Tiny() { std::filesystem::remove_all(dir); }
  void Configure() {
    Value config = Value::ObjectOfType(server.provider().GetSchema().ValueType(),
                                       {{"directory", Value::String(dir.string())}});
    REQUIRE_FALSE(server.ConfigureProvider(config, "1.11.4").HasError());
  }
  Type type() {
    Diagnostics d;
    return server.ResourceSchema("tiny_note", d)->ValueType();
  }
  Value Note(const std::string& text, std::vector<std::string> entries) {
    Type entry = type().attributes().at("entries").element();
    Value::Elements e;
    for (const auto& name : entries) {
      e.push_back(Value::ObjectOfType(
          entry, {{"name", Value::String(name)}, {"serial", Value::Null(Type::Number())}}));
    }
    return Value::ObjectOfType(type(), {{"id", Value::Null(Type::String())},
                                        {"text", Value::String(text)},
                                        {"size", Value::Null(Type::Number())},
                                        {"revision", Value::Null(Type::Number())},
                                        {"entries", Value::Set(entry, std::move(e))}});
  }
  // Plans and applies `config` over `prior` with core's proposal (config
  // completed with the prior's computed values where the caller gives them).
  Value PlanApply(const Value& prior, const Value& proposed, const Value& config) {
    PlanResponse plan;
    server.PlanResourceChange({"tiny_note", prior, proposed, config, ""}, plan);
    REQUIRE_FALSE(plan.diagnostics.HasError());
    ApplyResponse apply;
    server.ApplyResourceChange({"tiny_note", prior, *plan.planned, config, ""}, apply);
    REQUIRE_FALSE(apply.diagnostics.HasError());
    return *apply.new_state;
  }
  std::string Serials(const Value& state) {
    std::string out;
    for (const auto& e : state.GetAttr("entries").AsElements()) {
      out += e.GetAttr("name").AsString() + "=" + e.GetAttr("serial").AsNumber().ToString() + " ";
    }
    return out;
  }
  Server server;
  std::filesystem::path dir;
};

}  // namespace

TEST_CASE("tiny provider: its identity, not vers, in the framework's words", "[server][tiny]") {
  Tiny t;
  CHECK(t.server.NotSupported("actions").items()[0].detail ==
        "The tiny provider does not offer actions.");
  CHECK(t.server.InternalError("ReadResource", "boom")
            .items()[0]
            .detail.find("This is a bug in terraform-provider-tiny") != std::string::npos);
  ImportResourceResponse imported;
  t.server.ImportResourceState({"tiny_note", "note-x"}, imported);  // before configure
  REQUIRE(imported.diagnostics.HasError());
  CHECK(imported.diagnostics.items()[0].detail.find("The tiny provider was asked") == 0);
}

TEST_CASE("tiny provider: create, empty re-plan, update, read, destroy", "[server][tiny]") {
  Tiny t;
  t.Configure();
  Value config = t.Note("hello", {"a", "b"});
  Value created = t.PlanApply(Value::Null(t.type()), config, config);
  CHECK(created.GetAttr("id") == Value::String("note-hello"));
  CHECK(created.GetAttr("size") == Value::Int(1));
  CHECK(t.Serials(created) == "a=101 b=102 ");
  CHECK(std::filesystem::exists(t.dir / "note-hello.note"));

  // Unchanged: core proposes the prior state; the plan is exactly it.
  PlanResponse again;
  t.server.PlanResourceChange({"tiny_note", created, created, config, ""}, again);
  REQUIRE(again.planned);
  CHECK(*again.planned == created);

  // Update: entry b replaced by c; a keeps its serial through the plan.
  Value config2 = t.Note("bye", {"a", "c"});
  Type entry = t.type().attributes().at("entries").element();
  Value::Elements proposed_entries;
  for (const auto& e : created.GetAttr("entries").AsElements()) {
    if (e.GetAttr("name") == Value::String("a")) proposed_entries.push_back(e);
  }
  proposed_entries.push_back(Value::ObjectOfType(
      entry, {{"name", Value::String("c")}, {"serial", Value::Null(Type::Number())}}));
  Value::Attributes p = created.AsAttributes();
  p["text"] = Value::String("bye");
  p["entries"] = Value::Set(entry, proposed_entries);
  Value updated = t.PlanApply(created, Value::ObjectOfType(t.type(), p), config2);
  CHECK(updated.GetAttr("id") == Value::String("note-hello"));
  CHECK(updated.GetAttr("revision") == Value::Int(2));
  CHECK(t.Serials(updated) == "a=101 c=201 ");

  // The data source answers from configuration.
  Diagnostics d;
  Type echo = t.server.DataSourceSchema("tiny_echo", d)->ValueType();
  ReadDataSourceResponse read_data;
  t.server.ReadDataSource(
      {"tiny_echo", Value::ObjectOfType(echo, {{"text", Value::String("hey")},
                                               {"length", Value::Null(Type::Number())}})},
      read_data);
  REQUIRE(read_data.state);
  CHECK(read_data.state->GetAttr("length") == Value::Int(3));

  // Removed outside Terraform: read answers a null state quietly.
  std::filesystem::remove(t.dir / "note-hello.note");
  ReadResourceResponse read;
  t.server.ReadResource({"tiny_note", updated, "priv"}, read);
  CHECK_FALSE(read.diagnostics.HasError());
  REQUIRE(read.new_state);
  CHECK(read.new_state->is_null());
  CHECK(read.private_state == "priv");

  // Destroy.
  std::ofstream(t.dir / "note-hello.note") << "bye";
  ApplyResponse destroyed;
  t.server.ApplyResourceChange(
      {"tiny_note", updated, Value::Null(t.type()), Value::Null(t.type()), ""}, destroyed);
  CHECK_FALSE(destroyed.diagnostics.HasError());
  REQUIRE(destroyed.new_state);
  CHECK(destroyed.new_state->is_null());
  CHECK_FALSE(std::filesystem::exists(t.dir / "note-hello.note"));
}

}  // namespace tfplugin::server
