#include "plugin/resource.h"

namespace tfplugin {

void Resource::ImportState(const ImportRequest&, ImportResponse& resp) const {
  resp.diagnostics.AddError("Import not supported",
                            "The resource type " + TypeName() + " cannot be imported.");
}

void Resource::UpgradeState(const UpgradeStateRequest& req, UpgradeStateResponse& resp) const {
  resp.diagnostics.AddError(
      "Cannot upgrade stored state",
      "The state of this " + TypeName() + " was written with schema version " +
          std::to_string(req.version) + ", and this provider (schema version " +
          std::to_string(GetSchema().version) +
          ") has no upgrade from it. Use the provider version that wrote it, or remove the "
          "resource from state and import it again.");
}

cty::Value ImportById(const schema::Schema& schema, const std::string& id) {
  cty::Type type = schema.ValueType();
  cty::Value::Attributes attrs;
  for (const auto& [name, t] : type.attributes()) attrs[name] = cty::Value::Null(t);
  attrs["id"] = cty::Value::String(id);
  return cty::Value::ObjectOfType(type, std::move(attrs));
}

}  // namespace tfplugin
