// vers_vm_restore (and what it shares with vers_vm_branch): VMs that start
// from a commit. Their inputs never change in place.
#include "resources/vm_restore.h"

#include "client/repo_refs.h"
#include "plugin/schema/config_validators.h"
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "resources/framework.h"
#include "resources/repository.h"
#include "resources/vm_common.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> tag_name{this, "tag_name"};
  schema::Attr<std::string> ref{this, "ref"};
};
const Attrs kA;

schema::Schema DerivedVmSchema(std::string description, std::vector<Attribute> attributes,
                               const schema::AttrSet& own, schema::ConfigValidator source) {
  schema::Schema s;
  s.block.description = std::move(description);
  s.block.attributes = std::move(attributes);
  for (auto& a : VmComputedAttributes()) s.block.attributes.push_back(std::move(a));
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "delete"})};
  s.block.validators = {std::move(source)};
  s.attr_sets = {&own, &kVm};
  return s;
}

}  // namespace

DerivedVm::DerivedVm(std::string type_name, std::string description,
                     std::vector<Attribute> attributes, const schema::AttrSet& own,
                     schema::ConfigValidator source)
    : WithSchema(
          std::move(type_name),
          DerivedVmSchema(std::move(description), std::move(attributes), own, std::move(source))) {}

void DerivedVm::Complete(const CreateRequest& req, const std::string& vm_id,
                         StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto deadline = DeadlineFor(req.plan, "create", std::chrono::minutes(10));
  values::ObjectBuilder out(req.plan);
  out.Set(kVm.id, vm_id);
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
  auto id = values::Get(req.state, kVm.id);
  if (api == nullptr || !id) return;
  Status s = DeleteVmPatiently(*api, req.ctx, *id,
                               DeadlineFor(req.state, "delete", std::chrono::minutes(10)));
  if (!s.ok()) AddApiError(resp.diagnostics, "Cannot delete VM " + *id, s);
}

DerivedVm::RefImportId DerivedVm::SplitRefImportId(const std::string& import_id) {
  const std::string marker = ":ref=";
  size_t at = import_id.find(marker);
  if (at == std::string::npos) return {import_id, std::nullopt};
  return {import_id.substr(0, at), import_id.substr(at + marker.size())};
}

std::optional<client::VmMetadata> DerivedVm::StartImport(const ImportRequest& req,
                                                         const std::string& vm_id,
                                                         const std::optional<std::string>& ref,
                                                         const schema::Attr<std::string>& ref_attr,
                                                         values::ObjectBuilder& out,
                                                         ImportResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  if (api == nullptr) return std::nullopt;
  auto meta = api->GetVmMetadata(vm_id, std::chrono::steady_clock::now() + std::chrono::minutes(2));
  if (!meta.ok()) {
    AddApiError(resp.diagnostics, "Cannot import VM " + vm_id, meta.status());
    return std::nullopt;
  }
  if (ref) {
    if (auto p = client::ParseRepoRef(*ref); !p.ok()) {
      AddApiError(resp.diagnostics, "Cannot import VM " + vm_id, p.status());
      return std::nullopt;
    }
    out.Set(ref_attr, *ref);
  }
  return meta.value();
}

void VmRestore::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  // "<vm_id>" records the commit it came from; "<vm_id>:tag=<name>" the
  // tag; "<vm_id>:ref=<repo:tag>" the repository tag.
  const std::string tag_marker = ":tag=";
  auto [head, ref] = SplitRefImportId(req.id);
  size_t at = head.find(tag_marker);
  std::string id = head.substr(0, at);
  values::ObjectBuilder out(ImportById(GetSchema(), id));
  auto meta = StartImport(req, id, ref, kA.ref, out, resp);
  if (!meta) return;
  if (!ref && at != std::string::npos) {
    out.Set(kA.tag_name, head.substr(at + tag_marker.size()));
  } else if (!ref) {
    out.SetOrNull(kA.commit_id, meta->parent_commit_id);
  }
  resp.state = out.Build();
}

VmRestore::VmRestore()
    : DerivedVm(
          "vers_vm_restore",
          "A VM restored from a commit (a golden image), by commit id, legacy tag or repository "
          "reference (`repo:tag`). Copy-on-write: "
          "restoring is fast whatever the disk size.",
          {
              kA.commit_id.Declare()
                  .Optional()
                  .Description("The commit to restore.")
                  .Modify(plan::RequiresReplace()),
              kA.tag_name.Declare()
                  .Optional()
                  .Description(
                      "A legacy org-scoped commit tag to restore (instead of `commit_id`).")
                  .Modify(plan::RequiresReplace()),
              kA.ref.Declare()
                  .Optional()
                  .Description("A repository tag to restore, as `repo:tag` (e.g. "
                               "`vers_repository_tag.x.reference`), instead of `commit_id`.")
                  .Validate(RepoRefValidator())
                  .Modify(plan::RequiresReplace()),
          },
          kA, schema::ExactlyOneOf({kA.commit_id, kA.tag_name, kA.ref})) {}

void VmRestore::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto d = DeadlineFor(req.plan, "create", std::chrono::minutes(10));
  Result<std::string> id = Status::Error("no source");
  if (auto ref = values::Get(req.plan, kA.ref)) {
    auto parsed = client::ParseRepoRef(*ref);
    if (!parsed.ok()) return AddApiError(resp.diagnostics, "Invalid ref", parsed.status());
    id = api->RestoreFromRef(parsed.value(), d);
  } else {
    id = api->RestoreFromCommit(values::Get(req.plan, kA.commit_id).value_or(""),
                                values::Get(req.plan, kA.tag_name).value_or(""), d);
  }
  if (!id.ok()) return AddApiError(resp.diagnostics, "Cannot restore a VM", id.status());
  Complete(req, id.value(), resp);
}

}  // namespace vers::resources
