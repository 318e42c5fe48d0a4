// vers_image_layer's content hash (stable, and changed by each input) and
// its plan: the hash known at plan time, replacement exactly when it
// changes, and a parent's change reaching the layers built on it.
#include "resources/image_layer.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "plugin/schema/walk.h"
#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/image_layer_hash.h"
#include "resources/image_layer_parent.h"
#include "resources/provision.h"

namespace vers::resources {
namespace {

namespace fs = std::filesystem;
using cty::Value;

ProvisionInputs Sample() {
  ProvisionInputs in;
  UploadItem file;
  file.content = "hello";
  file.destination = "/etc/x";
  file.mode = 0644;
  in.uploads.push_back(file);
  in.commands = {"echo hi"};
  in.environment = {{"A", "1"}};
  in.working_dir = "/tmp";
  return in;
}

std::string Hash(const std::string& parent, const ProvisionInputs& in, LayerSizes sizes = {}) {
  auto h = LayerContentHash(parent, in, sizes);
  REQUIRE(h.ok());
  return h.value();
}

// A vers_image_layer plan object built on `parent_layer` (or base_image
// "default" when empty) running `command`.
Value Layer(const std::string& parent_layer, const std::string& command) {
  static const ImageLayer resource;
  values::ObjectBuilder o(Value::Null(resource.GetSchema().ValueType()));
  if (parent_layer.empty()) {
    o.Set(kLayer.base_image, "default");
  } else {
    o.Set(kLayer.parent_layer, parent_layer);
  }
  o.Set(kProvisionInputs.commands, schema::StringList{command});
  o.Set(kLayer.cache_repository, "layers").Set(kLayer.retain, true);
  o.Set(kLayer.content_hash, Value::Unknown(kLayer.content_hash.type()));
  o.Set(kLayer.reference, Value::Unknown(kLayer.reference.type()));
  o.Set(kLayer.commit_id, Value::Unknown(kLayer.commit_id.type()));
  o.Set(kLayer.id, Value::Unknown(kLayer.id.type()));
  o.Set(kLayer.cached, Value::Unknown(kLayer.cached.type()));
  return o.Build();
}

// ModifyPlan for `plan` over `state` (null: a create), without a provider
// context (no parent_ref to resolve).
ModifyPlanResponse Plan(const Value& plan, const Value& state) {
  static const ImageLayer resource;
  ModifyPlanRequest req{plan, state, nullptr};
  ModifyPlanResponse resp{plan, {}, {}};
  resource.ModifyPlan(req, resp);
  REQUIRE_FALSE(resp.diagnostics.HasError());
  return resp;
}

// The planned object as it would be applied: commit ids filled in.
Value Applied(const Value& planned) {
  return values::ObjectBuilder(planned)
      .Set(kLayer.commit_id, "c")
      .Set(kLayer.id, "c")
      .Set(kLayer.cached, false)
      .Build();
}

}  // namespace

TEST_CASE("the layer hash is the documented encoding, and stable", "[image_layer]") {
  // SHA-256 over length-prefixed fields (uint64 little-endian length, then
  // the bytes), computed independently with Python's hashlib:
  //   fields = ["vers_image_layer/1", "image:default", "vcpu_count", "",
  //             "mem_size_mib", "1024", "fs_size_mib", "", "/etc/x", "420",
  //             "content", "hello", "commands", "echo hi", "environment",
  //             "A", "1", "working_dir", "/tmp"]
  // A cache key must not change between provider versions: every workspace
  // would miss the cache.
  LayerSizes sizes;
  sizes.mem_size_mib = 1024;
  CHECK(Hash(ParentFromImage("default"), Sample(), sizes) ==
        "14d5694b3f408bb635b3e14e3f922ac2f9e3461e76333a12aef81a201ed9632a");
  CHECK(Hash(ParentFromImage("default"), Sample(), sizes) ==
        Hash(ParentFromImage("default"), Sample(), sizes));
  CHECK(IsContentHash(Hash(ParentFromLayer(std::string(64, 'a')), Sample())));
}

TEST_CASE("every input changes the layer hash", "[image_layer]") {
  const std::string parent = ParentFromCommit("0b1c6d0e-4d7a-4f7e-9a51-6f1d2c3b4a59");
  const std::string base = Hash(parent, Sample());
  std::vector<std::pair<std::string, std::string>> changed;
  auto with = [&](const std::string& what, const std::function<void(ProvisionInputs&)>& change,
                  std::string p = "") {
    ProvisionInputs in = Sample();
    change(in);
    changed.emplace_back(what, Hash(p.empty() ? parent : p, in));
  };
  auto same = [](ProvisionInputs&) {};
  with("parent commit", same, ParentFromCommit("1b1c6d0e-4d7a-4f7e-9a51-6f1d2c3b4a59"));
  with("parent kind", same, ParentFromLayer("0b1c6d0e-4d7a-4f7e-9a51-6f1d2c3b4a59"));
  with("content", [](auto& in) { in.uploads[0].content = "hello!"; });
  with("mode", [](auto& in) { in.uploads[0].mode = 0600; });
  with("destination", [](auto& in) { in.uploads[0].destination = "/etc/y"; });
  with("another file", [](auto& in) { in.uploads.push_back(in.uploads[0]); });
  with("a command", [](auto& in) { in.commands.push_back("true"); });
  with("command order", [](auto& in) { in.commands = {"true", "echo hi"}; });
  with("environment value", [](auto& in) { in.environment["A"] = "2"; });
  with("environment name", [](auto& in) { in.environment = {{"B", "1"}}; });
  with("working_dir", [](auto& in) { in.working_dir.reset(); });
  std::set<std::string> seen{base};
  for (const auto& [what, hash] : changed) {
    INFO(what);
    CHECK(seen.insert(hash).second);  // differs from the base and from every other change
  }
  LayerSizes sizes;
  sizes.fs_size_mib = 4096;
  CHECK(Hash(parent, Sample(), sizes) != base);
}

TEST_CASE("a source file's contents are in the layer hash", "[image_layer]") {
  fs::path dir = fs::temp_directory_path() / ("vers-layer-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  ProvisionInputs in;
  UploadItem file;
  file.source = (dir / "script.sh").string();
  file.destination = "/opt/script.sh";
  in.uploads.push_back(file);
  std::ofstream(dir / "script.sh") << "echo one";
  std::string one = Hash(ParentFromImage("default"), in);
  std::ofstream(dir / "script.sh") << "echo two";
  CHECK(Hash(ParentFromImage("default"), in) != one);
  std::ofstream(dir / "script.sh") << "echo one";
  CHECK(Hash(ParentFromImage("default"), in) == one);
  fs::remove(dir / "script.sh");
  size_t failed = 99;
  auto gone = LayerContentHash(ParentFromImage("default"), in, {}, nullptr, &failed);
  CHECK_FALSE(gone.ok());
  CHECK(failed == 0);
  fs::remove_all(dir);
}

TEST_CASE("a layer reference is repo:<content hash>, anything else is refused", "[image_layer]") {
  std::string hash(64, 'f');
  auto ok = ParseLayerReference("layers:" + hash);
  REQUIRE(ok.ok());
  CHECK(ok.value().repo == "layers");
  CHECK(ok.value().tag == hash);
  CHECK(LayerTag("layers", hash).str() == "layers:" + hash);
  auto latest = ParseLayerReference("layers:latest");
  REQUIRE_FALSE(latest.ok());
  CHECK_THAT(latest.status().message(),
             Catch::Contains("Give any other repository tag as parent_ref"));
  CHECK_FALSE(ParseLayerReference(hash).ok());                              // no repository
  CHECK_FALSE(ParseLayerReference("layers:" + std::string(64, 'F')).ok());  // upper case
  CHECK(IsUuidText("0b1c6d0e-4d7a-4f7e-9a51-6f1d2c3b4a59"));
  CHECK_FALSE(IsUuidText("0b1c6d0e4d7a4f7e9a516f1d2c3b4a59"));
}

TEST_CASE("the plan knows the hash, replaces on a change only, and propagates it down",
          "[image_layer]") {
  // Three layers: base <- mid <- top, as a configuration chains them.
  auto base = Plan(Layer("", "echo base"), Value());
  auto base_hash = values::Get(base.plan, kLayer.content_hash);
  REQUIRE(base_hash);
  CHECK(values::Get(base.plan, kLayer.reference) == "layers:" + *base_hash);
  auto mid = Plan(Layer(*values::Get(base.plan, kLayer.reference), "echo mid"), Value());
  auto top = Plan(Layer(*values::Get(mid.plan, kLayer.reference), "echo top"), Value());
  CHECK(base.requires_replace.empty());  // a create

  // Unchanged: each layer plans its prior hash, nothing is replaced.
  for (auto [layer, parent, command] :
       std::vector<std::tuple<const ModifyPlanResponse*, std::string, std::string>>{
           {&base, "", "echo base"},
           {&mid, *values::Get(base.plan, kLayer.reference), "echo mid"},
           {&top, *values::Get(mid.plan, kLayer.reference), "echo top"}}) {
    auto again = Plan(Layer(parent, command), Applied(layer->plan));
    CHECK(values::Get(again.plan, kLayer.content_hash) ==
          values::Get(layer->plan, kLayer.content_hash));
    CHECK(again.requires_replace.empty());
  }

  // mid's command changes: mid gets a new hash and is replaced; top, whose
  // parent_layer is mid's new reference, too; base is untouched.
  auto mid2 =
      Plan(Layer(*values::Get(base.plan, kLayer.reference), "echo mid v2"), Applied(mid.plan));
  CHECK(values::Get(mid2.plan, kLayer.content_hash) != values::Get(mid.plan, kLayer.content_hash));
  REQUIRE(mid2.requires_replace.size() == 1);
  CHECK(mid2.requires_replace[0].ToString() == "content_hash");
  auto top2 = Plan(Layer(*values::Get(mid2.plan, kLayer.reference), "echo top"), Applied(top.plan));
  CHECK(values::Get(top2.plan, kLayer.content_hash) != values::Get(top.plan, kLayer.content_hash));
  CHECK(top2.requires_replace.size() == 1);

  // Unknown parent (a parent being created with unknown inputs): the hash
  // is unknown, and a layer that had one is replaced.
  static const ImageLayer resource;
  auto unknown = values::ObjectBuilder(Layer("x", "echo top"))
                     .Set(kLayer.parent_layer, Value::Unknown(cty::Type::String()))
                     .Build();
  auto top3 = Plan(unknown, Applied(top.plan));
  CHECK_FALSE(top3.plan.GetAttr("content_hash").is_known());
  CHECK(top3.requires_replace.size() == 1);

  // Imported (a commit id, no hash yet): the hash is recorded in place.
  auto imported = values::ObjectBuilder(Applied(base.plan))
                      .Set(kLayer.content_hash, Value::Null(cty::Type::String()))
                      .Build();
  auto adopt = Plan(Layer("", "echo base"), imported);
  CHECK(adopt.requires_replace.empty());
  CHECK(values::Get(adopt.plan, kLayer.content_hash) == base_hash);
}

TEST_CASE("bad layer configurations are diagnostics naming the attribute", "[image_layer]") {
  static const ImageLayer resource;
  auto validate = [](const Value& config) {
    ValidateResponse resp;
    schema::ValidateConfig(resource.GetSchema().block, config, resp.diagnostics);
    resource.ValidateConfig({config}, resp);
    std::vector<std::string> got;
    for (const auto& d : resp.diagnostics.items())
      got.push_back(d.summary + " @ " + (d.path ? d.path->ToString() : "-"));
    return got;
  };
  auto two_parents = values::ObjectBuilder(Layer("", "true"))
                         .Set(kLayer.parent_commit_id, "0b1c6d0e-4d7a-4f7e-9a51-6f1d2c3b4a59")
                         .Build();
  CHECK(validate(two_parents) ==
        std::vector<std::string>{"Conflicting arguments @ parent_commit_id"});
  auto no_parent = values::ObjectBuilder(Layer("", "true"))
                       .Set(kLayer.base_image, Value::Null(cty::Type::String()))
                       .Build();
  CHECK(validate(no_parent) == std::vector<std::string>{"Missing argument @ base_image"});
  auto sized = values::ObjectBuilder(Layer("layers:" + std::string(64, 'a'), "true"))
                   .Set(kLayer.vcpu_count, 2)
                   .Build();
  CHECK(validate(sized) == std::vector<std::string>{"Size needs base_image @ vcpu_count"});
  auto bad_env = values::ObjectBuilder(Layer("", "true"))
                     .Set(kProvisionInputs.environment,
                          Value::Map(cty::Type::String(), {{"1X", Value::String("v")}}))
                     .Build();
  CHECK(validate(bad_env) ==
        std::vector<std::string>{"Invalid environment variable name @ environment[\"1X\"]"});

  // A parent commit id that is not a UUID is refused when planning.
  auto bad_commit = values::ObjectBuilder(Layer("", "true"))
                        .Set(kLayer.base_image, Value::Null(cty::Type::String()))
                        .Set(kLayer.parent_commit_id, "latest")
                        .Build();
  ModifyPlanRequest req{bad_commit, Value(), nullptr};
  ModifyPlanResponse resp{bad_commit, {}, {}};
  resource.ModifyPlan(req, resp);
  REQUIRE(resp.diagnostics.HasError());
  CHECK_THAT(resp.diagnostics.items()[0].detail, Catch::Contains("is not a commit id"));
}

}  // namespace vers::resources
