// vers_vm_restore and vers_vm_branch: VMs that start from a commit (or, for a
// branch, from a running VM). Their inputs never change in place.
#include "resources/vm_restore.h"

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "resources/vm_common.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {
// Exactly one of `a` and `b` is set (unknown counts as set: it will be).
void RequireExactlyOne(const Value& config, const std::string& a, const std::string& b,
                       Diagnostics& diags) {
  bool has_a = !config.GetAttr(a).is_null();
  bool has_b = !config.GetAttr(b).is_null();
  if (has_a == has_b) {
    diags.AddError(has_a ? "Conflicting sources" : "Missing source",
                   "Set exactly one of " + a + " and " + b + ".",
                   AttributePath::Root(has_a ? b : a));
  }
}
}  // namespace

void DerivedVm::InitSchema(std::string description, std::vector<Attribute> attributes) {
  schema_.block.description = std::move(description);
  schema_.block.attributes = std::move(attributes);
  for (auto& a : VmComputedAttributes()) schema_.block.attributes.push_back(std::move(a));
  schema_.block.blocks = {schema::TimeoutsBlock({"create", "read", "delete"})};
}

void DerivedVm::Complete(const CreateRequest& req, const std::string& vm_id,
                         StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto deadline = DeadlineFor(req.plan, "create", std::chrono::minutes(10));
  values::ObjectBuilder out(req.plan);
  out.SetString("id", vm_id);
  // The API takes no labels with a restore or branch: they are added now, so a
  // VM made by a provider killed before this point has none (docs/guides).
  Status labelled = api->SetLabels(vm_id, client::WithManagedLabels({}, TypeName()), deadline);
  if (!labelled.ok()) {
    resp.diagnostics.AddWarning("VM " + vm_id + " could not be labelled as managed by Terraform",
                                labelled.message());
  }
  // The wait reads the metadata, which carries what the state needs: one
  // call when the VM already runs.
  auto meta = WaitForVmMetadata(*api, req.ctx, vm_id, "running", deadline);
  Status s =
      meta.ok() ? FillNewVmState(ctx, *api, vm_id, meta.value(), out, deadline) : meta.status();
  if (!s.ok())
    AddApiError(resp.diagnostics, "VM " + vm_id + " was created but could not be completed", s);
  resp.state = out.NullUnknowns().Build();
}

void DerivedVm::Read(const ReadRequest& req, ReadResponse& resp) const { ReadVm(req, resp); }

void DerivedVm::Update(const UpdateRequest& req, StateResponse& resp) const {
  // Only timeouts can change in place; nothing remote changes.
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void DerivedVm::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::String(req.state, "id");
  if (api == nullptr || !id) return;
  Status s = DeleteVmPatiently(*api, req.ctx, *id,
                               DeadlineFor(req.state, "delete", std::chrono::minutes(10)));
  if (!s.ok()) AddApiError(resp.diagnostics, "Cannot delete VM " + *id, s);
}

void VmRestore::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  // "<vm_id>" records the commit it came from; "<vm_id>:tag=<name>" the tag.
  const std::string tag_marker = ":tag=";
  size_t at = req.id.find(tag_marker);
  std::string id = req.id.substr(0, at);
  auto meta = api->GetVmMetadata(id, std::chrono::steady_clock::now() + std::chrono::minutes(2));
  if (!meta.ok()) return AddApiError(resp.diagnostics, "Cannot import VM " + id, meta.status());
  values::ObjectBuilder out(ImportById(schema_, id));
  if (at != std::string::npos) {
    out.SetString("tag_name", req.id.substr(at + tag_marker.size()));
  } else {
    out.Set("commit_id", values::StringOrNull(meta.value().parent_commit_id));
  }
  resp.state = out.Build();
}

VmRestore::VmRestore() {
  auto replace = plan::RequiresReplace;
  InitSchema(
      "A VM restored from a commit (a golden image), by commit id or by tag. Copy-on-write: "
      "restoring is fast whatever the disk size.",
      {
          Attribute::String("commit_id")
              .Optional()
              .Description("The commit to restore.")
              .Modify(replace()),
          Attribute::String("tag_name")
              .Optional()
              .Description("A commit tag to restore (instead of `commit_id`).")
              .Modify(replace()),
      });
}

void VmRestore::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  RequireExactlyOne(req.config, "commit_id", "tag_name", resp.diagnostics);
}

void VmRestore::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto id = api->RestoreFromCommit(values::String(req.plan, "commit_id").value_or(""),
                                   values::String(req.plan, "tag_name").value_or(""),
                                   DeadlineFor(req.plan, "create", std::chrono::minutes(10)));
  if (!id.ok()) return AddApiError(resp.diagnostics, "Cannot restore a VM", id.status());
  Complete(req, id.value(), resp);
}

VmBranch::VmBranch() {
  auto replace = plan::RequiresReplace;
  InitSchema(
      "A copy-on-write clone of a running VM (`source_vm_id`) or of a commit (`source_commit_id`).",
      {
          Attribute::String("source_vm_id")
              .Optional()
              .Description("The VM to clone.")
              .Modify(replace()),
          Attribute::String("source_commit_id")
              .Optional()
              .Description("The commit to clone (instead of a VM).")
              .Modify(replace()),
          Attribute::Bool("keep_paused")
              .Default(Value::Bool(false))
              .Description("When branching a VM, leave that source VM paused afterwards (the "
                           "API pauses it to take the branch's commit).")
              .Modify(replace()),
      });
}

void VmBranch::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  RequireExactlyOne(req.config, "source_vm_id", "source_commit_id", resp.diagnostics);
}

void VmBranch::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  std::string source = values::String(req.plan, "source_vm_id")
                           .value_or(values::String(req.plan, "source_commit_id").value_or(""));
  auto ids = api->Branch(source, values::Bool(req.plan, "keep_paused").value_or(false), 1,
                         DeadlineFor(req.plan, "create", std::chrono::minutes(10)));
  if (!ids.ok()) return AddApiError(resp.diagnostics, "Cannot branch " + source, ids.status());
  if (ids.value().empty()) {
    resp.diagnostics.AddError("Cannot branch " + source, "The Vers API answered without a VM.");
    return;
  }
  Complete(req, ids.value().front(), resp);
}

void VmBranch::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  DerivedVm::Delete(req, resp);
  auto commit = values::String(req.state, "parent_commit_id");
  if (resp.diagnostics.HasError() || !values::String(req.state, "source_vm_id") || !commit) return;
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  if (api == nullptr) return;
  Status s = api->DeleteCommit(*commit, DeadlineFor(req.state, "delete", std::chrono::minutes(5)));
  if (s.is_conflict()) {
    resp.diagnostics.AddWarning("Branch commit kept", "The commit " + *commit +
                                                          " taken to branch the VM is still in "
                                                          "use, so it was left in place: " +
                                                          s.message());
  } else if (!s.ok() && !s.is_not_found()) {
    AddApiError(resp.diagnostics, "Cannot delete the branch commit " + *commit, s);
  }
}

void VmBranch::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  const std::string suffix = ":from_vm";
  bool from_vm = req.id.size() > suffix.size() && req.id.ends_with(suffix);
  std::string id = from_vm ? req.id.substr(0, req.id.size() - suffix.size()) : req.id;
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto meta = api->GetVmMetadata(id, std::chrono::steady_clock::now() + std::chrono::minutes(2));
  if (!meta.ok()) return AddApiError(resp.diagnostics, "Cannot import VM " + id, meta.status());
  values::ObjectBuilder out(ImportById(schema_, id));
  if (from_vm) {
    if (!meta.value().grandparent_vm_id) {
      resp.diagnostics.AddError("Cannot import VM " + id + " as a branch of a VM",
                                "The API does not report which VM it was branched from. Import it "
                                "as \"" +
                                    id + "\" (a branch of its commit) instead.");
      return;
    }
    out.SetString("source_vm_id", *meta.value().grandparent_vm_id);
  } else {
    out.Set("source_commit_id", values::StringOrNull(meta.value().parent_commit_id));
  }
  out.SetBool("keep_paused", false);
  resp.state = out.Build();
}

}  // namespace vers::resources
