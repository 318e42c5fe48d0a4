// Resource vers_vergeio_vm_settings: CPU, RAM, CPU type, description and
// advanced options of a VergeIO VM.
#pragma once

#include "client/vergeio_client.h"
#include "plugin/resource.h"
#include "plugin/schema/attr.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

// vers_vergeio_vm_settings' attributes (its create/read/update and its
// restore/import files share them).
struct VergeioVmSettingsAttrs : schema::AttrSet {
  schema::Attr<int64_t> cpu_cores{this, "cpu_cores"};
  schema::Attr<int64_t> ram{this, "ram"};
  schema::Attr<std::string> cpu_type{this, "cpu_type"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> advanced{this, "advanced"};
  schema::Attr<bool> restore_on_destroy{this, "restore_on_destroy"};
  schema::Attr<bool> need_restart{this, "need_restart"};
  schema::Attr<schema::StringMap> original{this, "original"};
  schema::Attr<std::string> id{this, "id"};
};
extern const VergeioVmSettingsAttrs kVmSettings;

// An error on each attribute of `patch` that VM `vm`, read back as `after`,
// lacks: VergeIO accepts and silently drops what it does not apply.
void ReportUnapplied(const client::VergeioVm& vm, const client::VergeioVmPatch& patch,
                     const client::VergeioVm& after, Diagnostics& diags);

class VergeioVmSettings final : public WithSchema<Resource> {
 public:
  VergeioVmSettings();
  void ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const override;
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
