// What vers_repository and vers_public_repository share: the `tags`
// attribute (a repository's tags as a list of objects) and the descriptors
// of a repository's own fields.
#pragma once

#include <vector>

#include "client/vers_types.h"
#include "plugin/values.h"
#include "resources/framework.h"

namespace vers::datasources {

// The schema declaration of `tags`: computed.
schema::Attribute TagsAttribute();
// The descriptor set of `tags`, for a schema's attr_sets.
const schema::AttrSet& TagsAttrSet();
// Sets `tags` to `tags`, in the API's order.
values::ObjectBuilder& SetTags(values::ObjectBuilder& b, const std::vector<client::RepoTag>& tags);

// What every repository data source says of a repository (and each element
// of vers_public_repositories): its name, description, id and creation time.
struct RepoFieldAttrs : schema::AttrSet {
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> repo_id{this, "repo_id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};

// Sets the fields of RepoFieldAttrs but the name (the singular data sources
// keep the configured one) from `repo`, a client::Repository or
// client::PublicRepository.
template <typename Repo>
values::ObjectBuilder& SetRepoFields(values::ObjectBuilder& b, const RepoFieldAttrs& a,
                                     const Repo& repo) {
  return b.SetOrNull(a.description, repo.description)
      .Set(a.repo_id, repo.repo_id)
      .Set(a.created_at, repo.created_at);
}

}  // namespace vers::datasources
