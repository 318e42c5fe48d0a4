// vers_vergeio_vm_metadata. VergeIO has no key/value store, so each pair is a
// tag named "key=value" in one category (created on demand, taggable for
// VMs), attached to the VM through tag_members. Only the keys this resource
// manages are ever touched; a change moves only the pairs that changed; a
// tag left without members is deleted (on destroy, any such tag of the
// category).
#include "resources/vergeio_metadata.h"

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "resources/framework.h"
#include "resources/vergeio_common.h"
#include "resources/vergeio_metadata_tags.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<schema::StringMap> metadata{this, "metadata"};
  schema::Attr<std::string> tag_category{this, "tag_category"};
  schema::Attr<std::string> id{this, "id"};
};
const Attrs kA;

schema::Schema VergeioMetadataSchema() {
  schema::Schema s;
  s.block.description =
      "Key/value metadata on a VergeIO VM (the Packer provisioner's `update_metadata` action, "
      "as a resource). VergeIO has no key/value store, so each pair is a tag `key=value` in one "
      "tag category. Only the keys of `metadata` are managed; other tags are left alone.";
  s.block.attributes = {
      kVergeioVm.vm.Declare()
          .Required()
          .Description("The VM: its key or its name.")
          .Modify(plan::RequiresReplace()),
      kA.metadata.Declare().Required().Description(
          "The pairs to keep on the VM. Keys must not contain `=`."),
      kA.tag_category.Declare()
          .Default(Value::String("vers-metadata"))
          .Description("The tag category that holds the pairs (created when missing).")
          .Modify(plan::RequiresReplace()),
      kA.id.Declare().Computed().Description("The VM's key.").Modify(plan::UseStateForUnknown()),
  };
  s.attr_sets = {&kA, &kVergeioVm};
  s.block.blocks = {schema::TimeoutsBlock({"create", "update", "delete"})};
  return s;
}

}  // namespace

VergeioMetadata::VergeioMetadata()
    : WithSchema("vers_vergeio_vm_metadata", VergeioMetadataSchema()) {}

void VergeioMetadata::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  for (const auto& [key, value] :
       values::Get(req.config, kA.metadata).value_or(schema::StringMap{})) {
    if (key.empty() || key.find('=') != std::string::npos)
      resp.diagnostics.AddError(
          "Invalid metadata key",
          "The key \"" + key +
              "\" is stored as a tag \"key=value\", so it must be non-empty and "
              "must not contain '='.",
          kA.metadata.path().ElementKey(key));
  }
}

namespace {
// Applies the plan's pairs (managing the keys in `before` too) and records
// the state.
void Converge(provider::VersContext& ctx, client::VergeioClient& api, const cty::Value& plan,
              const MetadataPairs& before, const std::string& op, StateResponse& resp) {
  auto d = VergeioDeadline(ctx, plan, op);
  auto vm = ResolveVm(api, plan, d, resp.diagnostics);
  if (!vm) return;
  auto category = api.EnsureCategory(values::Get(plan, kA.tag_category).value_or(""), d);
  Status s = category.ok() ? ApplyMetadataTags(
                                 api, category.value(), vm->key, before,
                                 values::Get(plan, kA.metadata).value_or(schema::StringMap{}), d)
                           : category.status();
  if (!s.ok()) {
    resp.diagnostics.AddError("Cannot set metadata on VM " + vm->name, s.message());
    // Some pairs may be set: a create records them all (tainted by the
    // error), so that a destroy or the replacement removes them.
    if (op == "create")
      resp.state = values::ObjectBuilder(plan).Set(kA.id, std::to_string(vm->key)).Build();
    return;
  }
  resp.state = values::ObjectBuilder(plan).Set(kA.id, std::to_string(vm->key)).Build();
}
}  // namespace

void VergeioMetadata::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  // The keys to manage from now on include those set outside Terraform.
  Converge(ctx, *api, req.plan, values::Get(req.plan, kA.metadata).value_or(schema::StringMap{}),
           "create", resp);
}

void VergeioMetadata::Read(const ReadRequest& req, ReadResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  auto d = VergeioDeadline(ctx, req.state, "read");
  auto vm = FindVmForRead(*api, values::Get(req.state, kA.id).value_or(""), d, resp);
  if (!vm) return;
  auto category = api->EnsureCategory(values::Get(req.state, kA.tag_category).value_or(""), d);
  if (!category.ok())
    return resp.diagnostics.AddError("Cannot read metadata", category.status().message());
  auto a = ReadAttachedMetadata(*api, category.value(), vm->key, d);
  if (!a.ok()) return resp.diagnostics.AddError("Cannot read metadata", a.status().message());
  MetadataPairs seen;  // the managed keys as they are now: drift shows in the plan
  for (const auto& [key, unused] :
       values::Get(req.state, kA.metadata).value_or(schema::StringMap{})) {
    if (auto it = a.value().by_key.find(key); it != a.value().by_key.end())
      seen[key] = it->second.first;
  }
  resp.state = values::ObjectBuilder(req.state)
                   .Set(kA.metadata, seen)
                   .Set(kA.id, std::to_string(vm->key))
                   .Build();
}

void VergeioMetadata::Update(const UpdateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  MetadataPairs managed = values::Get(req.state, kA.metadata).value_or(schema::StringMap{});
  for (const auto& kv : values::Get(req.plan, kA.metadata).value_or(schema::StringMap{}))
    managed.insert(kv);
  Converge(ctx, *api, req.plan, managed, "update", resp);
}

void VergeioMetadata::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  auto d = VergeioDeadline(ctx, req.state, "delete");
  auto vm = api->FindVm(values::Get(req.state, kA.id).value_or(""), d);
  if (!vm.ok() && vm.status().is_not_found()) return;  // its tags went with it
  if (!vm.ok()) return resp.diagnostics.AddError("Cannot read VM", vm.status().message());
  auto category = api->EnsureCategory(values::Get(req.state, kA.tag_category).value_or(""), d);
  Status s = category.ok()
                 ? ApplyMetadataTags(
                       *api, category.value(), vm.value().key,
                       values::Get(req.state, kA.metadata).value_or(schema::StringMap{}), {}, d)
                 : category.status();
  if (!s.ok()) return resp.diagnostics.AddError("Cannot remove metadata", s.message());
  // A pair detached outside Terraform leaves a tag that no VM carries; such
  // tags belong to nobody, so the category is swept of them.
  // Best effort: a failure leaves an unused tag behind, which is worth a
  // warning but not a failed destroy.
  auto tags = api->TagsIn(category.value(), d);
  Status swept = tags.status();
  for (const auto& t : tags.ok() ? tags.value() : std::vector<client::VergeioTag>{}) {
    auto n = api->CountMembersOfTag(t.key, d);
    Status s = !n.ok() ? n.status() : n.value() == 0 ? api->DeleteTag(t.key, d) : Status::Ok();
    if (swept.ok() && !s.ok() && !s.is_not_found()) swept = s;
  }
  if (!swept.ok()) resp.diagnostics.AddWarning("Unused metadata tags may remain", swept.message());
}

// "<vm key or name>:<key>,<key>…": the keys to manage (VergeIO cannot say which
// tags a configuration owned).
void VergeioMetadata::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  size_t colon = req.id.find(':');
  std::string vm = req.id.substr(0, colon);
  if (colon == std::string::npos || vm.empty()) {
    resp.diagnostics.AddError("Invalid import id",
                              "\"" + req.id + "\" is not \"<vm key or name>:<key>,<key>,…\".");
    return;
  }
  MetadataPairs keys;
  for (const auto& k : SplitImportList(req.id.substr(colon + 1)))
    if (!k.empty()) keys[k] = "";
  resp.state = values::ObjectBuilder(ImportById(GetSchema(), vm))
                   .Set(kVergeioVm.vm, vm)
                   .Set(kA.tag_category, "vers-metadata")
                   .Set(kA.metadata, keys)
                   .Build();
}

}  // namespace vers::resources
