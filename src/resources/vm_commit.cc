// vers_vm_commit: a commit (snapshot) of a VM, the unit of a layered image.
// Its inputs and triggers replace it; destroying it deletes the commit once
// nothing uses it any more, unless retain_on_destroy keeps it.
#include "resources/vm_commit.h"

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/commit_intent.h"
#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {

const VmCommitAttrs kCommit;

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

// Sets the computed attributes from the API's record of the commit;
// kNotFound when there is none. One read of that commit, however many
// commits the account has (the commit list is paged).
Status FillCommit(client::VersClient& api, const std::string& commit_id, values::ObjectBuilder& out,
                  client::Deadline deadline) {
  auto c = api.GetCommit(commit_id, deadline);
  if (!c.ok()) {
    return c.status().is_not_found() ? Status::NotFound("commit " + commit_id + " no longer exists")
                                     : c.status();
  }
  out.Set(kCommit.id, c.value().commit_id).Set(kCommit.commit_id, c.value().commit_id);
  out.Set(kCommit.created_at, c.value().created_at).Set(kCommit.name, c.value().name);
  // An emptied description reads back empty: it is no description.
  auto description = c.value().description;
  if (description && description->empty()) description.reset();
  out.SetOrNull(kCommit.description, description);
  out.Set(kCommit.is_public, c.value().is_public);
  if (c.value().parent_vm_id) out.Set(kCommit.vm_id, *c.value().parent_vm_id);
  return Status::Ok();
}

schema::Schema VmCommitSchema() {
  schema::Schema s;
  auto replace = plan::RequiresReplace;
  auto keep = plan::UseStateForUnknown;
  s.block.description =
      "A commit (snapshot) of a VM: a reusable golden image for `vers_vm_restore` and "
      "`vers_vm_branch`. Changing `triggers` takes a new commit, which is how a change upstream "
      "rebuilds every layer below it. The commit id the provider asks for is derived from the VM "
      "and these inputs, so an apply that was interrupted after Vers took the commit finds that "
      "commit when applied again instead of taking a second one.";
  s.block.attributes = {
      kCommit.vm_id.Declare().Required().Description("The VM to commit.").Modify(replace()),
      kCommit.keep_paused.Declare()
          .Default(Value::Bool(false))
          .Description("Leave the VM paused after the commit.")
          .Modify(replace()),
      kCommit.name.Declare()
          .OptionalComputed()
          .Description("A name for the commit; the API generates one when unset. Changes in place.")
          .Modify(keep()),
      kCommit.description.Declare().Optional().Description(
          "A description of the commit. Changes in place."),
      kCommit.is_public.Declare()
          .Default(Value::Bool(false))
          .Description("Whether anyone can read and restore the commit (`vers commit publish`); "
                       "changes in place."),
      kCommit.triggers.Declare()
          .Optional()
          .Description(
              "Arbitrary values whose change takes a new commit (e.g. the id of the provisioning "
              "run above).")
          .Modify(replace()),
      kCommit.retain_on_destroy.Declare()
          .Default(Value::Bool(false))
          .Description("Keep the commit in Vers when the resource is destroyed."),
      kCommit.id.Declare().Computed().Description("Same as `commit_id`.").Modify(keep()),
      kCommit.commit_id.Declare().Computed().Description("The commit's id.").Modify(keep()),
      kCommit.created_at.Declare()
          .Computed()
          .Description("When the commit was taken.")
          .Modify(keep()),
  };
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "update", "delete"})};
  s.attr_sets = {&kCommit};
  return s;
}

}  // namespace

VmCommit::VmCommit() : WithSchema("vers_vm_commit", VmCommitSchema()) {}

void VmCommit::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto vm_id = values::Get(req.plan, kCommit.vm_id);
  if (api == nullptr || !vm_id) return;
  auto deadline = DeadlineFor(req.plan, "create", std::chrono::minutes(10));
  client::CommitOptions options;
  options.keep_paused = values::Get(req.plan, kCommit.keep_paused).value_or(false);
  options.name = values::Get(req.plan, kCommit.name);
  options.description = values::Get(req.plan, kCommit.description);
  options.intent = CommitIntent(req.plan, *vm_id);
  auto commit_id = api->CommitVm(*vm_id, options, deadline);
  if (!commit_id.ok())
    return AddApiError(resp.diagnostics, "Cannot commit VM " + *vm_id, commit_id.status());
  values::ObjectBuilder out(req.plan);
  out.Set(kCommit.id, commit_id.value()).Set(kCommit.commit_id, commit_id.value());
  Status s = Status::Ok();
  if (values::Get(req.plan, kCommit.is_public).value_or(false)) {
    s = api->UpdateCommit(commit_id.value(), true, std::nullopt, std::nullopt, deadline).status();
  }
  if (s.ok()) s = FillCommit(*api, commit_id.value(), out, deadline);
  out.Set(kCommit.vm_id, *vm_id);  // as configured, whatever the API calls the parent
  if (!s.ok())
    AddApiError(resp.diagnostics,
                "Commit " + commit_id.value() + " was taken but could not be read", s);
  resp.state = out.NullUnknowns().Build();
}

void VmCommit::Read(const ReadRequest& req, ReadResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::Get(req.state, kCommit.commit_id);
  if (!id) id = values::Get(req.state, kCommit.id);
  if (api == nullptr || !id) return;
  values::ObjectBuilder out(req.state);
  Status s = FillCommit(*api, *id, out, DeadlineFor(req.state, "read", std::chrono::minutes(5)));
  if (s.is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot read commit " + *id, s);
  resp.state = out.Build();
}

void VmCommit::Update(const UpdateRequest& req, StateResponse& resp) const {
  // name, description and public change through PATCH /commits/{id}, which
  // requires is_public (UpdateCommitRequest); retain_on_destroy and timeouts
  // change only how later operations behave.
  auto id = values::Get(req.state, kCommit.commit_id);
  auto name = values::Get(req.plan, kCommit.name);
  auto description = values::Get(req.plan, kCommit.description);
  bool is_public = values::Get(req.plan, kCommit.is_public).value_or(false);
  bool changed = name != values::Get(req.state, kCommit.name) ||
                 description != values::Get(req.state, kCommit.description) ||
                 is_public != values::Get(req.state, kCommit.is_public).value_or(false);
  if (changed && id) {
    client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
    if (api == nullptr) return;
    // A removed description is sent empty: the API changes only what is sent.
    auto r = api->UpdateCommit(*id, is_public, name, description.value_or(""),
                               DeadlineFor(req.plan, "update", std::chrono::minutes(5)));
    if (!r.ok()) return AddApiError(resp.diagnostics, "Cannot update commit " + *id, r.status());
  }
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void VmCommit::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  values::ObjectBuilder out(ImportById(GetSchema(), req.id));
  out.Set(kCommit.commit_id, req.id)
      .Set(kCommit.keep_paused, false)
      .Set(kCommit.retain_on_destroy, false);
  resp.state = out.Build();
}

}  // namespace vers::resources
