// Resources vers_vm_commit (a snapshot of a VM) and vers_commit_tag (a
// movable name for a commit).
#pragma once

#include "plugin/resource.h"
#include "plugin/schema/attr.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

// vers_vm_commit's attributes (the commit intent reads them too).
struct VmCommitAttrs : schema::AttrSet {
  schema::Attr<std::string> vm_id{this, "vm_id"};
  schema::Attr<bool> keep_paused{this, "keep_paused"};
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<bool> is_public{this, "public"};
  schema::Attr<schema::StringMap> triggers{this, "triggers"};
  schema::Attr<bool> retain_on_destroy{this, "retain_on_destroy"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
extern const VmCommitAttrs kCommit;

class VmCommit final : public WithSchema<Resource> {
 public:
  VmCommit();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

class CommitTag final : public WithSchema<Resource> {
 public:
  CommitTag();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
