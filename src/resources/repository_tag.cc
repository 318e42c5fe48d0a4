// vers_repository_tag: a movable name for a commit inside a repository
// (`repo:tag`). Moving it to another commit, or changing its description, is
// an in-place update (PATCH …/tags/{tag}). Once made it is recorded, even
// when it cannot be read back.
#include "client/repo_refs.h"
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
  schema::Attr<std::string> repository{this, "repository"};
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> reference{this, "reference"};
  schema::Attr<std::string> tag_id{this, "tag_id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const Attrs kA;

schema::Schema RepositoryTagSchema() {
  schema::Schema s;
  auto replace = plan::RequiresReplace;
  auto keep = plan::UseStateForUnknown;
  s.block.description =
      "A tag inside a repository: a movable name for a commit, referenced as `repo:tag` by "
      "`vers_vm_restore.ref` and `vers_vm_branch.source_ref`. Moving it to another commit is an "
      "in-place update, so restores by reference can follow a release channel.";
  s.block.attributes = {
      kA.repository.Declare()
          .Required()
          .Description("The repository's name.")
          .Validate(RepoNameValidator())
          .Modify(replace()),
      kA.name.Declare()
          .Required()
          .Description("The tag name.")
          .Validate(RepoNameValidator())
          .Modify(replace()),
      kA.commit_id.Declare().Required().Description("The commit the tag points to."),
      kA.description.Declare().Optional().Description("What the tag stands for."),
      kA.id.Declare().Computed().Description("`repo:tag`.").Modify(keep()),
      kA.reference.Declare()
          .Computed()
          .Description("`repo:tag`, for `ref` and `source_ref`.")
          .Modify(keep()),
      kA.tag_id.Declare().Computed().Description("The API's id.").Modify(keep()),
      kA.created_at.Declare().Computed().Description("When it was made.").Modify(keep()),
  };
  s.attr_sets = {&kA};
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "update", "delete"})};
  return s;
}

}  // namespace

RepositoryTag::RepositoryTag() : WithSchema("vers_repository_tag", RepositoryTagSchema()) {}

namespace {

std::optional<client::RepoRef> RefOf(const Value& v) {
  auto repo = values::Get(v, kA.repository);
  auto tag = values::Get(v, kA.name);
  if (!repo || !tag) return std::nullopt;
  return client::RepoRef{*repo, *tag};
}

void FillTag(const client::RepoRef& ref, const client::RepoTag& t, values::ObjectBuilder& out) {
  out.Set(kA.id, ref.str()).Set(kA.reference, ref.str());
  out.Set(kA.repository, ref.repo).Set(kA.name, ref.tag);
  out.Set(kA.commit_id, t.commit_id).SetOrNull(kA.description, t.description);
  // Empty when the tag was made but not read back: the next refresh fills them.
  out.SetOrNull(kA.tag_id, values::NonEmpty(t.tag_id));
  out.SetOrNull(kA.created_at, values::NonEmpty(t.created_at));
}

}  // namespace

void RepositoryTag::Create(const CreateRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto ref = RefOf(req.plan);
  auto commit = values::Get(req.plan, kA.commit_id);
  if (api == nullptr || !ref || !commit) return;
  auto tag = api->CreateRepoTag(*ref, *commit, values::Get(req.plan, kA.description),
                                DeadlineFor(req.plan, "create", std::chrono::minutes(5)));
  if (!tag.ok())
    return AddApiError(resp.diagnostics, "Cannot create tag " + ref->str(), tag.status());
  if (tag.value().created_at.empty()) {
    resp.diagnostics.AddWarning("Tag " + ref->str() + " was created but could not be read back",
                                "It is recorded as requested; the next refresh reads it.");
  }
  values::ObjectBuilder out(req.plan);
  FillTag(*ref, tag.value(), out);
  resp.state = out.Build();
}

void RepositoryTag::Read(const ReadRequest& req, ReadResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto ref = RefOf(req.state);
  if (api == nullptr || !ref) return;
  auto tag = api->GetRepoTag(*ref, DeadlineFor(req.state, "read", std::chrono::minutes(5)));
  if (!tag.ok() && tag.status().is_not_found()) {  // the tag or its repository is gone
    resp.removed = true;
    return;
  }
  if (!tag.ok())
    return AddApiError(resp.diagnostics, "Cannot read tag " + ref->str(), tag.status());
  values::ObjectBuilder out(req.state);
  FillTag(*ref, tag.value(), out);
  resp.state = out.Build();
}

void RepositoryTag::Update(const UpdateRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto ref = RefOf(req.state);
  auto commit = values::Get(req.plan, kA.commit_id);
  if (api == nullptr || !ref || !commit) return;
  Status s = api->UpdateRepoTag(*ref, *commit, values::Get(req.plan, kA.description),
                                DeadlineFor(req.plan, "update", std::chrono::minutes(5)));
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot move tag " + ref->str(), s);
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void RepositoryTag::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto ref = RefOf(req.state);
  if (api == nullptr || !ref) return;
  Status s = api->DeleteRepoTag(*ref, DeadlineFor(req.state, "delete", std::chrono::minutes(5)));
  if (!s.ok() && !s.is_not_found())
    AddApiError(resp.diagnostics, "Cannot delete tag " + ref->str(), s);
}

void RepositoryTag::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  auto ref = client::ParseRepoRef(req.id);
  if (!ref.ok())
    return AddApiError(resp.diagnostics, "Cannot import tag \"" + req.id + "\"", ref.status());
  resp.state = values::ObjectBuilder(ImportById(GetSchema(), req.id))
                   .Set(kA.repository, ref.value().repo)
                   .Set(kA.name, ref.value().tag)
                   .Build();
}

}  // namespace vers::resources
