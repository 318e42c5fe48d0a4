// Resources vers_repository (a repository of commit tags, optionally forked
// from a public one) and vers_repository_tag (a movable name for a commit
// inside a repository), and the validators of repository names and refs.
#pragma once

#include "plugin/resource.h"
#include "plugin/schema/attr.h"
#include "plugin/schema/schema.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

// A repository or tag name: 1-64 letters, digits, '-', '_' or '.'.
schema::Validator RepoNameValidator();
// "repo:tag" (client::ParseRepoRef) and "org/repo:tag" (ParsePublicRef).
schema::Validator RepoRefValidator();
schema::Validator PublicRefValidator();

// vers_repository's attributes (the import, in repository_import.cc, sets them too).
struct RepositoryAttrs : schema::AttrSet {
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<bool> is_public{this, "public"};
  schema::Attr<std::string> fork_from{this, "fork_from"};
  schema::Attr<std::string> fork_tag_name{this, "fork_tag_name"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> repo_id{this, "repo_id"};
  schema::Attr<std::string> created_at{this, "created_at"};
  schema::Attr<std::string> fork_commit_id{this, "fork_commit_id"};
  schema::Attr<std::string> fork_vm_id{this, "fork_vm_id"};
};
extern const RepositoryAttrs kRepo;

class Repository final : public WithSchema<Resource> {
 public:
  Repository();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  // Only `public` (PATCH …/visibility) and timeouts change in place.
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  // Deletes the repository and its tags; for a fork, also the VM and the
  // commit the fork made (the commit is kept, with a warning, while in use).
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  // "<name>", or for a fork "<name>:fork_from=<org/repo:tag>" with
  // ",fork_tag_name=<tag>" when it was set.
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

class RepositoryTag final : public WithSchema<Resource> {
 public:
  RepositoryTag();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  // Moves the tag (commit_id) and sets its description in place.
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  // "<repository>:<tag>".
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
