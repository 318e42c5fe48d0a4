// Resource vers_vm: a root Vers VM.
#pragma once

#include "plugin/resource.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

class Vm final : public WithSchema<Resource> {
 public:
  Vm();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
