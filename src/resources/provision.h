// Resource vers_provision: uploads files to a VM and runs commands on it over
// SSH-over-TLS, natively (no ssh or openssl binaries, no key file;
// provision_run.h), or through the Vers API with transport = "api"
// (provision_api.h).
#pragma once

#include "plugin/resource.h"
#include "plugin/schema/attr.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

// The attributes of one element of vers_provision's `files`.
struct ProvisionFileAttrs : schema::AttrSet {
  schema::Attr<std::string> source{this, "source"};
  schema::Attr<std::string> content{this, "content"};
  schema::Attr<std::string> destination{this, "destination"};
  schema::Attr<std::string> mode{this, "mode"};
};
extern const ProvisionFileAttrs kProvisionFile;

// The attributes vers_provision and vers_image_layer share (declared by
// provision_schema.h, read by ReadSharedProvisionInputs): what to put on the
// VM and how long a command may run.
struct ProvisionInputAttrs : schema::AttrSet {
  schema::Attr<cty::Value> files{this, "files", cty::Type::List(ProvisionFileAttrs().ObjectType())};
  schema::Attr<schema::StringList> commands{this, "commands"};
  schema::Attr<schema::StringMap> environment{this, "environment"};
  schema::Attr<std::string> working_dir{this, "working_dir"};
  schema::Attr<std::string> command_timeout{this, "command_timeout"};
  schema::Attr<std::string> keepalive_interval{this, "keepalive_interval"};
};
extern const ProvisionInputAttrs kProvisionInputs;

// vers_provision's own attributes (besides kProvisionInputs).
struct ProvisionAttrs : schema::AttrSet {
  schema::Attr<std::string> vm_id{this, "vm_id"};
  schema::Attr<std::string> transport{this, "transport"};
  schema::Attr<schema::StringMap> triggers{this, "triggers"};
  schema::Attr<schema::StringList> destroy_commands{this, "destroy_commands"};
  schema::Attr<std::string> ssh_host{this, "ssh_host"};
  schema::Attr<int64_t> ssh_port{this, "ssh_port"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> summary{this, "summary"};
};
extern const ProvisionAttrs kProvision;

// The path of attribute `attr` of element `index` of `files`.
inline AttributePath ProvisionFilePath(size_t index, const schema::Attr<std::string>& attr) {
  return kProvisionInputs.files.path()
      .ElementIndex(static_cast<int64_t>(index))
      .Attribute(attr.name());
}

// Whether `object` (a config, plan or state of vers_provision) uses
// transport = "api" (else SSH, the default).
bool UsesApiTransport(const cty::Value& object);

class Provision final : public WithSchema<Resource> {
 public:
  Provision();
  void ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const override;
  void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const override;
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
};

}  // namespace vers::resources
