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

Type TagObjectType() {
  return Type::Object({{"name", Type::String()},
                       {"reference", Type::String()},
                       {"commit_id", Type::String()},
                       {"description", Type::String()},
                       {"created_at", Type::String()},
                       {"updated_at", Type::String()}});
}

Value TagList(const std::vector<client::RepoTag>& tags) {
  Value::Elements list;
  for (const auto& t : tags) {
    list.push_back(
        Value::ObjectOfType(TagObjectType(), {{"name", Value::String(t.tag_name)},
                                              {"reference", Value::String(t.reference)},
                                              {"commit_id", Value::String(t.commit_id)},
                                              {"description", values::StringOrNull(t.description)},
                                              {"created_at", Value::String(t.created_at)},
                                              {"updated_at", Value::String(t.updated_at)}}));
  }
  return Value::List(TagObjectType(), std::move(list));
}

Attribute TagsAttribute() {
  return Attribute::List("tags", TagObjectType())
      .Computed()
      .Description(
          "The tags: `name`, `reference` (`repo:tag`), `commit_id`, `description`, "
          "`created_at`, `updated_at`.");
}

Type PublicObjectType() {
  return Type::Object({{"org_name", Type::String()},
                       {"name", Type::String()},
                       {"full_name", Type::String()},
                       {"description", Type::String()},
                       {"repo_id", Type::String()},
                       {"created_at", Type::String()}});
}

}  // namespace

RepositoryData::RepositoryData() {
  schema_.block.description = "One of the account's repositories, with its tags.";
  schema_.block.attributes = {
      Attribute::String("name")
          .Required()
          .Description("The repository name.")
          .Validate(resources::RepoNameValidator()),
      Attribute::String("description").Computed().Description("Its description."),
      Attribute::Bool("public").Computed().Description("Whether it is public."),
      Attribute::String("repo_id").Computed().Description("The API's id."),
      Attribute::String("created_at").Computed().Description("When it was created."),
      TagsAttribute(),
  };
}

void RepositoryData::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto name = values::String(req.config, "name");
  if (api == nullptr || !name) return;
  auto repo = api->GetRepository(*name, Deadline());
  auto tags = repo.ok() ? api->ListRepoTags(*name, Deadline())
                        : Result<std::vector<client::RepoTag>>(repo.status());
  if (!tags.ok())
    return resp.diagnostics.AddError("Cannot read repository " + *name, tags.status().message(),
                                     AttributePath::Root("name"));
  resp.state = values::ObjectBuilder(req.config)
                   .Set("description", values::StringOrNull(repo.value().description))
                   .SetBool("public", repo.value().is_public)
                   .SetString("repo_id", repo.value().repo_id)
                   .SetString("created_at", repo.value().created_at)
                   .Set("tags", TagList(tags.value()))
                   .Build();
}

PublicRepositories::PublicRepositories() {
  schema_.block.description =
      "The public repositories of every organization (no API key needed), optionally of one.";
  schema_.block.attributes = {
      Attribute::String("org").Optional().Description("Only this organization's."),
      Attribute::List("repositories", PublicObjectType())
          .Computed()
          .Description("`org_name`, `name`, `full_name` (`org/name`), `description`, `repo_id`, "
                       "`created_at`."),
  };
}

void PublicRepositories::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  if (api == nullptr) return;
  auto org = values::String(req.config, "org");
  auto repos = api->ListPublicRepositories(Deadline());
  if (!repos.ok())
    return resp.diagnostics.AddError("Cannot list public repositories", repos.status().message());
  Value::Elements list;
  for (const auto& r : repos.value()) {
    if (org && r.org_name != *org) continue;
    list.push_back(Value::ObjectOfType(PublicObjectType(),
                                       {{"org_name", Value::String(r.org_name)},
                                        {"name", Value::String(r.name)},
                                        {"full_name", Value::String(r.full_name)},
                                        {"description", values::StringOrNull(r.description)},
                                        {"repo_id", Value::String(r.repo_id)},
                                        {"created_at", Value::String(r.created_at)}}));
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set("repositories", Value::List(PublicObjectType(), std::move(list)))
                   .Build();
}

PublicRepository::PublicRepository() {
  schema_.block.description =
      "A public repository of any organization, with its tags (what `vers_repository.fork_from` "
      "takes, as `org/name:tag`).";
  schema_.block.attributes = {
      Attribute::String("org").Required().Description("The owning organization."),
      Attribute::String("name").Required().Description("The repository name."),
      Attribute::String("full_name").Computed().Description("`org/name`."),
      Attribute::String("description").Computed().Description("Its description."),
      Attribute::String("repo_id").Computed().Description("The API's id."),
      Attribute::String("created_at").Computed().Description("When it was created."),
      TagsAttribute(),
  };
}

void PublicRepository::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto org = values::String(req.config, "org");
  auto name = values::String(req.config, "name");
  if (api == nullptr || !org || !name) return;
  auto repo = api->GetPublicRepository(*org, *name, Deadline());
  auto tags = repo.ok() ? api->ListPublicRepoTags(*org, *name, Deadline())
                        : Result<std::vector<client::RepoTag>>(repo.status());
  if (!tags.ok())
    return resp.diagnostics.AddError("Cannot read public repository " + *org + "/" + *name,
                                     tags.status().message(), AttributePath::Root("name"));
  resp.state = values::ObjectBuilder(req.config)
                   .SetString("full_name", repo.value().full_name)
                   .Set("description", values::StringOrNull(repo.value().description))
                   .SetString("repo_id", repo.value().repo_id)
                   .SetString("created_at", repo.value().created_at)
                   .Set("tags", TagList(tags.value()))
                   .Build();
}

}  // namespace vers::datasources
