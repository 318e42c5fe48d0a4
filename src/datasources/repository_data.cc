// vers_repository (declared in repositories.h): one of the account's
// repositories, with its tags.
#include "datasources/read_deadline.h"
#include "datasources/repo_tags.h"
#include "datasources/repositories.h"
#include "resources/context.h"
#include "resources/framework.h"
#include "resources/repository.h"

namespace vers::datasources {

namespace {

struct RepositoryDataAttrs : RepoFieldAttrs {
  schema::Attr<bool> is_public{this, "public"};
};
const RepositoryDataAttrs kRepoData;

schema::Schema RepositoryDataSchema() {
  schema::Schema s;
  s.block.description = "One of the account's repositories, with its tags.";
  s.block.attributes = {
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
  s.attr_sets = {&kRepoData, &TagsAttrSet()};
  return s;
}

}  // namespace

RepositoryData::RepositoryData() : WithSchema("vers_repository", RepositoryDataSchema()) {}

void RepositoryData::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::Get(req.config, kRepoData.name);
  if (api == nullptr || !name) return;
  auto repo = api->GetRepository(*name, ReadDeadline());
  auto tags = repo.ok() ? api->ListRepoTags(*name, ReadDeadline())
                        : Result<std::vector<client::RepoTag>>(repo.status());
  if (!tags.ok())
    return resp.diagnostics.AddError("Cannot read repository " + *name, tags.status().message(),
                                     kRepoData.name.path());
  values::ObjectBuilder state(req.config);
  SetRepoFields(state, kRepoData, repo.value()).Set(kRepoData.is_public, repo.value().is_public);
  resp.state = SetTags(state, tags.value()).Build();
}

}  // namespace vers::datasources
