// Resources vers_vm_commit (a snapshot of a VM) and vers_commit_tag (a
// movable name for a commit).
#pragma once

#include "plugin/resource.h"

namespace vers::resources {

class VmCommit final : public Resource {
 public:
  VmCommit();
  std::string TypeName() const override { return "vers_vm_commit"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;

 private:
  schema::Schema schema_;
};

class CommitTag final : public Resource {
 public:
  CommitTag();
  std::string TypeName() const override { return "vers_commit_tag"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;

 private:
  schema::Schema schema_;
};

}  // namespace vers::resources
