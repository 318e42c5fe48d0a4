// Account settings: vers_env_var (one of the account's env vars, written into
// each new VM's /etc/environment at boot) and vers_domain (a custom domain
// bound to a VM).
#pragma once

#include "plugin/resource.h"
#include "plugin/schema/schema.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

class EnvVar final : public WithSchema<Resource> {
 public:
  EnvVar();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  // The API answers every key with its value, so a value changed elsewhere
  // shows as drift and the next apply sets it back.
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  // A new value is set in place (PUT upsert); a new key replaces it.
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  // "<key>"; the value is read back.
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

class DomainResource final : public WithSchema<Resource> {
 public:
  DomainResource();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  // Only timeouts change in place; the domain and its VM replace it.
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  // "<domain_id>".
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
