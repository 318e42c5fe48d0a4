// Resource vers_base_image: a filesystem base image that vers_vm.image_name
// boots from, uploaded from a local root filesystem archive or made by the
// API from a Docker image or an S3 object.
#pragma once

#include "plugin/resource.h"
#include "plugin/schema/schema.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

class BaseImage final : public WithSchema<Resource> {
 public:
  BaseImage();
  // Exactly one source; size_mib in the range of that source; the archive
  // readable when its path is known.
  void ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const override;
  // Starts the upload or create, then waits on the image's status until it
  // is ready (or failed: the API's error_message is the diagnostic, and the
  // failed image is recorded, tainted, so that the next apply replaces it).
  // A change of an input replaces the image, except after an import, which
  // cannot know them: the first plan then records the configured values.
  void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const override;
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  // Nothing changes in place but timeouts and what an import could not know.
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  // "<image_name>".
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
