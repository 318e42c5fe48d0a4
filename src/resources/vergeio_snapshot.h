// Resource vers_vergeio_vm_snapshot: a snapshot of a VergeIO VM's machine.
#pragma once

#include "plugin/resource.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

class VergeioSnapshot final : public WithSchema<Resource> {
 public:
  VergeioSnapshot();
  void ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const override;
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
