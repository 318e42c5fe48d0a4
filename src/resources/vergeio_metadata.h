// Resource vers_vergeio_vm_metadata: key/value metadata on a VergeIO VM,
// kept as `key=value` tags in one tag category.
#pragma once

#include "plugin/resource.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

class VergeioMetadata final : public WithSchema<Resource> {
 public:
  VergeioMetadata();
  void ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const override;
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
