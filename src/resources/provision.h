// Resource vers_provision: uploads files to a VM and runs commands on it over
// SSH-over-TLS, natively (no ssh or openssl binaries, no key file;
// provision_ssh.h), or through the Vers API with transport = "api"
// (provision_api.h).
#pragma once

#include "plugin/resource.h"

namespace vers::resources {

class Provision final : public Resource {
 public:
  Provision();
  std::string TypeName() const override { return "vers_provision"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const override;
  void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const override;
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;

 private:
  schema::Schema schema_;
};

}  // namespace vers::resources
