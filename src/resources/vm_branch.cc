// vers_vm_branch: a copy-on-write clone of a running VM, a commit or a
// repository tag. Its inputs never change in place.
#include "client/repo_refs.h"
#include "plugin/schema/config_validators.h"
#include "plugin/schema/plan_modifiers.h"
#include "resources/framework.h"
#include "resources/repository.h"
#include "resources/vm_common.h"
#include "resources/vm_restore.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<std::string> source_vm_id{this, "source_vm_id"};
  schema::Attr<std::string> source_commit_id{this, "source_commit_id"};
  schema::Attr<std::string> source_ref{this, "source_ref"};
  schema::Attr<bool> keep_paused{this, "keep_paused"};
};
const Attrs kA;

}  // namespace

VmBranch::VmBranch()
    : DerivedVm(
          "vers_vm_branch",
          "A copy-on-write clone of a running VM (`source_vm_id`), a commit (`source_commit_id`) "
          "or a "
          "repository tag (`source_ref`, `repo:tag`).",
          {
              kA.source_vm_id.Declare()
                  .Optional()
                  .Description("The VM to clone.")
                  .Modify(plan::RequiresReplace()),
              kA.source_commit_id.Declare()
                  .Optional()
                  .Description("The commit to clone (instead of a VM).")
                  .Modify(plan::RequiresReplace()),
              kA.source_ref.Declare()
                  .Optional()
                  .Description("A repository tag to clone, as `repo:tag` (instead of a VM).")
                  .Validate(RepoRefValidator())
                  .Modify(plan::RequiresReplace()),
              kA.keep_paused.Declare()
                  .Default(Value::Bool(false))
                  .Description("When branching a VM, leave that source VM paused afterwards (the "
                               "API pauses it to take the branch's commit).")
                  .Modify(plan::RequiresReplace()),
          },
          kA, schema::ExactlyOneOf({kA.source_vm_id, kA.source_commit_id, kA.source_ref})) {}

void VmBranch::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto d = DeadlineFor(req.plan, "create", std::chrono::minutes(10));
  if (auto ref = values::Get(req.plan, kA.source_ref)) {
    auto parsed = client::ParseRepoRef(*ref);
    if (!parsed.ok()) return AddApiError(resp.diagnostics, "Invalid source_ref", parsed.status());
    auto id = api->BranchByRef(parsed.value(), d);
    if (!id.ok()) return AddApiError(resp.diagnostics, "Cannot branch " + *ref, id.status());
    return Complete(req, id.value(), resp);
  }
  std::string source = values::Get(req.plan, kA.source_vm_id)
                           .value_or(values::Get(req.plan, kA.source_commit_id).value_or(""));
  auto ids = api->Branch(source, values::Get(req.plan, kA.keep_paused).value_or(false), 1, d);
  if (!ids.ok()) return AddApiError(resp.diagnostics, "Cannot branch " + source, ids.status());
  if (ids.value().empty()) {
    resp.diagnostics.AddError("Cannot branch " + source, "The Vers API answered without a VM.");
    return;
  }
  Complete(req, ids.value().front(), resp);
}

void VmBranch::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  DerivedVm::Delete(req, resp);
  auto commit = values::Get(req.state, kVm.parent_commit_id);
  if (resp.diagnostics.HasError() || !values::Get(req.state, kA.source_vm_id) || !commit) return;
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
  auto [head, ref] = SplitRefImportId(req.id);
  bool from_vm = !ref && head.size() > suffix.size() && head.ends_with(suffix);
  std::string id = from_vm ? head.substr(0, head.size() - suffix.size()) : head;
  values::ObjectBuilder out(ImportById(GetSchema(), id));
  auto meta = StartImport(req, id, ref, kA.source_ref, out, resp);
  if (!meta) return;
  if (from_vm) {
    if (!meta->grandparent_vm_id) {
      resp.diagnostics.AddError("Cannot import VM " + id + " as a branch of a VM",
                                "The API does not report which VM it was branched from. Import it "
                                "as \"" +
                                    id + "\" (a branch of its commit) instead.");
      return;
    }
    out.Set(kA.source_vm_id, *meta->grandparent_vm_id);
  } else if (!ref) {
    out.SetOrNull(kA.source_commit_id, meta->parent_commit_id);
  }
  out.Set(kA.keep_paused, false);
  resp.state = out.Build();
}

}  // namespace vers::resources
