// vers_repository: a repository of commit tags, created empty or forked from
// a public repository's tag. Only its visibility changes in place (the API
// has no other update); everything else replaces it.
#include "resources/repository.h"

#include "client/repo_refs.h"
#include "plugin/schema/config_validators.h"
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {

const RepositoryAttrs kRepo;

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

schema::Schema RepositorySchema() {
  schema::Schema s;
  auto replace = plan::RequiresReplace;
  auto keep = plan::UseStateForUnknown;
  s.block.description =
      "A repository: a named group of tags (`repo:tag`) on commits, which `vers_vm_restore.ref` "
      "and `vers_vm_branch.source_ref` restore from. Private unless `public`; a public one is "
      "listed under `/public/repositories` and can be forked by other organizations. With "
      "`fork_from`, the API restores a VM from a public repository's tag, commits it and tags "
      "that commit in this new repository; destroying it deletes that VM and commit too.";
  s.block.attributes = {
      kRepo.name.Declare()
          .Required()
          .Description("The repository name.")
          .Validate(RepoNameValidator())
          .Modify(replace()),
      kRepo.description.Declare()
          .Optional()
          .Description("What the repository holds (not with `fork_from`).")
          .Modify(replace()),
      kRepo.is_public.Declare()
          .Default(Value::Bool(false))
          .Description("Whether anyone can see and fork it; changes in place."),
      kRepo.fork_from.Declare()
          .Optional()
          .Description("A public repository's tag to fork.")
          .Validate(PublicRefValidator())
          .Modify(replace()),
      kRepo.fork_tag_name.Declare()
          .Optional()
          .Description("With `fork_from`: the tag's name here (default: the source's tag name).")
          .Validate(RepoNameValidator())
          .Modify(replace()),
      kRepo.id.Declare().Computed().Description("Same as `name`.").Modify(keep()),
      kRepo.repo_id.Declare().Computed().Description("The API's id.").Modify(keep()),
      kRepo.created_at.Declare().Computed().Description("When it was created.").Modify(keep()),
      kRepo.fork_commit_id.Declare()
          .Computed()
          .Description("With `fork_from`: the commit the fork made (tagged here).")
          .Modify(keep()),
      kRepo.fork_vm_id.Declare()
          .Computed()
          .Description("With `fork_from`: the VM the fork made.")
          .Modify(keep()),
  };
  s.attr_sets = {&kRepo};
  s.block.validators = {
      schema::ConflictsWith(kRepo.description, {kRepo.fork_from},
                            "A fork takes no description (the API's fork request has none)."),
      schema::AlsoRequires(kRepo.fork_tag_name, {kRepo.fork_from},
                           "fork_tag_name names the tag of a fork (fork_from = \"org/repo:tag\")."),
  };
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "update", "delete"})};
  return s;
}

}  // namespace

Repository::Repository() : WithSchema("vers_repository", RepositorySchema()) {}

namespace {

// Reads the repository into `out`; kNotFound when it is gone.
Status FillRepository(client::VersClient& api, const std::string& name, values::ObjectBuilder& out,
                      client::Deadline d) {
  auto r = api.GetRepository(name, d);
  if (!r.ok()) return r.status();
  out.Set(kRepo.id, name).Set(kRepo.name, name).Set(kRepo.is_public, r.value().is_public);
  out.SetOrNull(kRepo.description, r.value().description);
  out.Set(kRepo.repo_id, r.value().repo_id).Set(kRepo.created_at, r.value().created_at);
  return Status::Ok();
}

}  // namespace

void Repository::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto name = values::Get(req.plan, kRepo.name);
  if (api == nullptr || !name) return;
  auto d = DeadlineFor(req.plan, "create", std::chrono::minutes(10));
  values::ObjectBuilder out(req.plan);
  out.Set(kRepo.id, *name);
  if (auto from = values::Get(req.plan, kRepo.fork_from)) {
    auto source = client::ParsePublicRef(*from);
    if (!source.ok()) return AddApiError(resp.diagnostics, "Invalid fork_from", source.status());
    client::ForkRequest f{source.value().org, source.value().repo, source.value().tag, *name,
                          values::Get(req.plan, kRepo.fork_tag_name)};
    auto made = api->ForkRepository(f, d);
    if (!made.ok())
      return AddApiError(resp.diagnostics, "Cannot fork " + *from + " into " + *name,
                         made.status());
    out.Set(kRepo.fork_commit_id, made.value().commit_id);
    out.Set(kRepo.fork_vm_id, made.value().vm_id);
    Status labelled =
        api->SetLabels(made.value().vm_id, client::WithManagedLabels({}, TypeName()), d);
    if (!labelled.ok())
      resp.diagnostics.AddWarning("The fork's VM " + made.value().vm_id + " could not be labelled",
                                  labelled.message());
  } else {
    auto made = api->CreateRepository(*name, values::Get(req.plan, kRepo.description), d);
    if (!made.ok())
      return AddApiError(resp.diagnostics, "Cannot create repository " + *name, made.status());
  }
  // From here the repository exists: whatever fails, it is recorded.
  Status s = Status::Ok();
  if (values::Get(req.plan, kRepo.is_public).value_or(false))
    s = api->SetRepositoryVisibility(*name, true, d);
  if (s.ok()) s = FillRepository(*api, *name, out, d);
  if (!s.ok())
    AddApiError(resp.diagnostics, "Repository " + *name + " was created but not completed", s);
  resp.state = out.NullUnknowns().Build();
}

void Repository::Read(const ReadRequest& req, ReadResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.state, kRepo.name);
  if (!name) name = values::Get(req.state, kRepo.id);
  if (api == nullptr || !name) return;
  values::ObjectBuilder out(req.state);
  Status s =
      FillRepository(*api, *name, out, DeadlineFor(req.state, "read", std::chrono::minutes(5)));
  if (s.is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot read repository " + *name, s);
  resp.state = out.Build();
}

void Repository::Update(const UpdateRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.state, kRepo.name);
  auto want = values::Get(req.plan, kRepo.is_public);
  if (api == nullptr || !name || !want) return;
  if (want != values::Get(req.state, kRepo.is_public)) {
    Status s = api->SetRepositoryVisibility(
        *name, *want, DeadlineFor(req.plan, "update", std::chrono::minutes(5)));
    if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot set visibility of " + *name, s);
  }
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void Repository::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto name = values::Get(req.state, kRepo.name);
  if (api == nullptr || !name) return;
  auto d = DeadlineFor(req.state, "delete", std::chrono::minutes(10));
  Status s = api->DeleteRepository(*name, d);
  if (!s.ok() && !s.is_not_found())
    return AddApiError(resp.diagnostics, "Cannot delete repository " + *name, s);
  if (auto vm = values::Get(req.state, kRepo.fork_vm_id)) {
    s = DeleteVmPatiently(*api, req.ctx, *vm, d);
    if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot delete the fork's VM " + *vm, s);
  }
  if (auto commit = values::Get(req.state, kRepo.fork_commit_id)) {
    s = api->DeleteCommit(*commit, d);
    if (s.is_conflict()) {
      resp.diagnostics.AddWarning("Fork commit kept", "The commit " + *commit +
                                                          " the fork made is still in use, so it "
                                                          "was left in place: " +
                                                          s.message());
    } else if (!s.ok() && !s.is_not_found()) {
      AddApiError(resp.diagnostics, "Cannot delete the fork's commit " + *commit, s);
    }
  }
}

}  // namespace vers::resources
