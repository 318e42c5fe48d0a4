#include "datasources/repositories.h"

#include "plugin/values.h"
#include "resources/context.h"
#include "resources/repository.h"

namespace vers::datasources {

using cty::Type;
using cty::Value;
using schema::Attribute;

namespace {

auto Deadline() { return std::chrono::steady_clock::now() + std::chrono::minutes(5); }

// One element of `tags`.
struct TagAttrs : schema::AttrSet {
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> reference{this, "reference"};
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> created_at{this, "created_at"};
  schema::Attr<std::string> updated_at{this, "updated_at"};
};
const TagAttrs kTag;

// What vers_repository and vers_public_repository both have.
struct TagsAttrs : schema::AttrSet {
  schema::Attr<cty::Value> tags{this, "tags", Type::List(kTag.ObjectType())};
};
const TagsAttrs kTags;

// One element of vers_public_repositories' `repositories`.
struct PublicAttrs : schema::AttrSet {
  schema::Attr<std::string> org_name{this, "org_name"};
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> full_name{this, "full_name"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> repo_id{this, "repo_id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const PublicAttrs kPublic;

struct RepositoryDataAttrs : schema::AttrSet {
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<bool> is_public{this, "public"};
  schema::Attr<std::string> repo_id{this, "repo_id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const RepositoryDataAttrs kRepoData;

struct PublicRepositoriesAttrs : schema::AttrSet {
  schema::Attr<std::string> org{this, "org"};
  schema::Attr<cty::Value> repositories{this, "repositories", Type::List(kPublic.ObjectType())};
};
const PublicRepositoriesAttrs kPublicRepos;

struct PublicRepositoryAttrs : schema::AttrSet {
  schema::Attr<std::string> org{this, "org"};
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> full_name{this, "full_name"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> repo_id{this, "repo_id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const PublicRepositoryAttrs kPublicRepo;

Value TagList(const std::vector<client::RepoTag>& tags) {
  Value::Elements list;
  for (const auto& t : tags) {
    list.push_back(values::ObjectBuilder(kTag.ObjectType())
                       .Set(kTag.name, t.tag_name)
                       .Set(kTag.reference, t.reference)
                       .Set(kTag.commit_id, t.commit_id)
                       .SetOrNull(kTag.description, t.description)
                       .Set(kTag.created_at, t.created_at)
                       .Set(kTag.updated_at, t.updated_at)
                       .Build());
  }
  return Value::List(kTag.ObjectType(), std::move(list));
}

Attribute TagsAttribute() {
  return kTags.tags.Declare().Computed().Description(
      "The tags: `name`, `reference` (`repo:tag`), `commit_id`, `description`, "
      "`created_at`, `updated_at`.");
}

}  // namespace

RepositoryData::RepositoryData() {
  schema_.block.description = "One of the account's repositories, with its tags.";
  schema_.block.attributes = {
      kRepoData.name.Declare()
          .Required()
          .Description("The repository name.")
          .Validate(resources::RepoNameValidator()),
      kRepoData.description.Declare().Computed().Description("Its description."),
      kRepoData.is_public.Declare().Computed().Description("Whether it is public."),
      kRepoData.repo_id.Declare().Computed().Description("The API's id."),
      kRepoData.created_at.Declare().Computed().Description("When it was created."),
      TagsAttribute(),
  };
  schema_.attr_sets = {&kRepoData, &kTags};
}

void RepositoryData::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.config, kRepoData.name);
  if (api == nullptr || !name) return;
  auto repo = api->GetRepository(*name, Deadline());
  auto tags = repo.ok() ? api->ListRepoTags(*name, Deadline())
                        : Result<std::vector<client::RepoTag>>(repo.status());
  if (!tags.ok())
    return resp.diagnostics.AddError("Cannot read repository " + *name, tags.status().message(),
                                     kRepoData.name.path());
  resp.state = values::ObjectBuilder(req.config)
                   .SetOrNull(kRepoData.description, repo.value().description)
                   .Set(kRepoData.is_public, repo.value().is_public)
                   .Set(kRepoData.repo_id, repo.value().repo_id)
                   .Set(kRepoData.created_at, repo.value().created_at)
                   .Set(kTags.tags, TagList(tags.value()))
                   .Build();
}

PublicRepositories::PublicRepositories() {
  schema_.block.description =
      "The public repositories of every organization (no API key needed), optionally of one.";
  schema_.block.attributes = {
      kPublicRepos.org.Declare().Optional().Description("Only this organization's."),
      kPublicRepos.repositories.Declare().Computed().Description(
          "`org_name`, `name`, `full_name` (`org/name`), `description`, `repo_id`, "
          "`created_at`."),
  };
  schema_.attr_sets = {&kPublicRepos};
}

void PublicRepositories::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  if (api == nullptr) return;
  auto org = values::Get(req.config, kPublicRepos.org);
  auto repos = api->ListPublicRepositories(Deadline());
  if (!repos.ok())
    return resp.diagnostics.AddError("Cannot list public repositories", repos.status().message());
  Value::Elements list;
  for (const auto& r : repos.value()) {
    if (org && r.org_name != *org) continue;
    list.push_back(values::ObjectBuilder(kPublic.ObjectType())
                       .Set(kPublic.org_name, r.org_name)
                       .Set(kPublic.name, r.name)
                       .Set(kPublic.full_name, r.full_name)
                       .SetOrNull(kPublic.description, r.description)
                       .Set(kPublic.repo_id, r.repo_id)
                       .Set(kPublic.created_at, r.created_at)
                       .Build());
  }
  resp.state =
      values::ObjectBuilder(req.config)
          .Set(kPublicRepos.repositories, Value::List(kPublic.ObjectType(), std::move(list)))
          .Build();
}

PublicRepository::PublicRepository() {
  schema_.block.description =
      "A public repository of any organization, with its tags (what `vers_repository.fork_from` "
      "takes, as `org/name:tag`).";
  schema_.block.attributes = {
      kPublicRepo.org.Declare().Required().Description("The owning organization."),
      kPublicRepo.name.Declare().Required().Description("The repository name."),
      kPublicRepo.full_name.Declare().Computed().Description("`org/name`."),
      kPublicRepo.description.Declare().Computed().Description("Its description."),
      kPublicRepo.repo_id.Declare().Computed().Description("The API's id."),
      kPublicRepo.created_at.Declare().Computed().Description("When it was created."),
      TagsAttribute(),
  };
  schema_.attr_sets = {&kPublicRepo, &kTags};
}

void PublicRepository::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto org = values::Get(req.config, kPublicRepo.org);
  auto name = values::Get(req.config, kPublicRepo.name);
  if (api == nullptr || !org || !name) return;
  auto repo = api->GetPublicRepository(*org, *name, Deadline());
  auto tags = repo.ok() ? api->ListPublicRepoTags(*org, *name, Deadline())
                        : Result<std::vector<client::RepoTag>>(repo.status());
  if (!tags.ok())
    return resp.diagnostics.AddError("Cannot read public repository " + *org + "/" + *name,
                                     tags.status().message(), kPublicRepo.name.path());
  resp.state = values::ObjectBuilder(req.config)
                   .Set(kPublicRepo.full_name, repo.value().full_name)
                   .SetOrNull(kPublicRepo.description, repo.value().description)
                   .Set(kPublicRepo.repo_id, repo.value().repo_id)
                   .Set(kPublicRepo.created_at, repo.value().created_at)
                   .Set(kTags.tags, TagList(tags.value()))
                   .Build();
}

}  // namespace vers::datasources
