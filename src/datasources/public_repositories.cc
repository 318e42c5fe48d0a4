// vers_public_repositories and vers_public_repository (declared in
// repositories.h): the public repositories of every organization, and one
// of them with its tags.
#include "datasources/read_deadline.h"
#include "datasources/repo_tags.h"
#include "datasources/repositories.h"
#include "resources/context.h"
#include "resources/framework.h"

namespace vers::datasources {

using cty::Value;

namespace {

// What both say of a public repository.
struct PublicRepoFieldAttrs : RepoFieldAttrs {
  schema::Attr<std::string> full_name{this, "full_name"};
};

// One element of vers_public_repositories' `repositories`.
struct PublicElementAttrs : PublicRepoFieldAttrs {
  schema::Attr<std::string> org_name{this, "org_name"};
};
const PublicElementAttrs kPublic;

struct PublicRepositoriesAttrs : schema::AttrSet {
  schema::Attr<std::string> org{this, "org"};
  schema::Attr<cty::Value> repositories{this, "repositories", kPublic.ListType()};
};
const PublicRepositoriesAttrs kPublicRepos;

struct PublicRepositoryAttrs : PublicRepoFieldAttrs {
  schema::Attr<std::string> org{this, "org"};
};
const PublicRepositoryAttrs kPublicRepo;

values::ObjectBuilder& SetPublicRepoFields(values::ObjectBuilder& b, const PublicRepoFieldAttrs& a,
                                           const client::PublicRepository& repo) {
  return SetRepoFields(b, a, repo).Set(a.full_name, repo.full_name);
}

schema::Schema PublicRepositoriesSchema() {
  schema::Schema s;
  s.block.description =
      "The public repositories of every organization (no API key needed), optionally of one.";
  s.block.attributes = {
      kPublicRepos.org.Declare().Optional().Description("Only this organization's."),
      kPublicRepos.repositories.Declare().Computed().Description(
          "`org_name`, `name`, `full_name` (`org/name`), `description`, `repo_id`, "
          "`created_at`."),
  };
  s.attr_sets = {&kPublicRepos};
  return s;
}

}  // namespace

PublicRepositories::PublicRepositories()
    : WithSchema("vers_public_repositories", PublicRepositoriesSchema()) {}

void PublicRepositories::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  if (api == nullptr) return;
  auto org = values::Get(req.config, kPublicRepos.org);
  auto repos = api->ListPublicRepositories(ReadDeadline());
  if (!repos.ok())
    return resp.diagnostics.AddError("Cannot list public repositories", repos.status().message());
  Value::Elements list;
  for (const auto& r : repos.value()) {
    if (org && r.org_name != *org) continue;
    values::ObjectBuilder element(kPublic.ObjectType());
    element.Set(kPublic.org_name, r.org_name).Set(kPublic.name, r.name);
    list.push_back(SetPublicRepoFields(element, kPublic, r).Build());
  }
  resp.state =
      values::ObjectBuilder(req.config)
          .Set(kPublicRepos.repositories, Value::List(kPublic.ObjectType(), std::move(list)))
          .Build();
}

namespace {

schema::Schema PublicRepositorySchema() {
  schema::Schema s;
  s.block.description =
      "A public repository of any organization, with its tags (what `vers_repository.fork_from` "
      "takes, as `org/name:tag`).";
  s.block.attributes = {
      kPublicRepo.org.Declare().Required().Description("The owning organization."),
      kPublicRepo.name.Declare().Required().Description("The repository name."),
      kPublicRepo.full_name.Declare().Computed().Description("`org/name`."),
      kPublicRepo.description.Declare().Computed().Description("Its description."),
      kPublicRepo.repo_id.Declare().Computed().Description("The API's id."),
      kPublicRepo.created_at.Declare().Computed().Description("When it was created."),
      TagsAttribute(),
  };
  s.attr_sets = {&kPublicRepo, &TagsAttrSet()};
  return s;
}

}  // namespace

PublicRepository::PublicRepository()
    : WithSchema("vers_public_repository", PublicRepositorySchema()) {}

void PublicRepository::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto org = values::Get(req.config, kPublicRepo.org);
  auto name = values::Get(req.config, kPublicRepo.name);
  if (api == nullptr || !org || !name) return;
  auto repo = api->GetPublicRepository(*org, *name, ReadDeadline());
  auto tags = repo.ok() ? api->ListPublicRepoTags(*org, *name, ReadDeadline())
                        : Result<std::vector<client::RepoTag>>(repo.status());
  if (!tags.ok())
    return resp.diagnostics.AddError("Cannot read public repository " + *org + "/" + *name,
                                     tags.status().message(), kPublicRepo.name.path());
  values::ObjectBuilder state(req.config);
  SetPublicRepoFields(state, kPublicRepo, repo.value());
  resp.state = SetTags(state, tags.value()).Build();
}

}  // namespace vers::datasources
