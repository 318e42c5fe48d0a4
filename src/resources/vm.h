// Resource vers_vm: a root Vers VM.
#pragma once

#include "plugin/resource.h"
#include "resources/framework.h"

namespace vers::resources {

class Vm final : public Resource {
 public:
  Vm();
  std::string TypeName() const override { return "vers_vm"; }
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
