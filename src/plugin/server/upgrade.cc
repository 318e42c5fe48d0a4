// UpgradeResourceState: brings stored state written by an older (or the same)
// schema version to the current schema.
#include "plugin/cty/json.h"
#include "plugin/server/server.h"

namespace tfplugin::server {

void Server::UpgradeResourceState(const UpgradeResourceRequest& req,
                                  UpgradeResourceResponse& resp) const {
  Diagnostics& diags = resp.diagnostics;
  const Resource* r = FindResource(req.type_name, diags);
  if (r == nullptr) return;
  const schema::Schema& s = r->GetSchema();
  if (req.raw_json.empty()) {
    diags.AddError("Unsupported state format",
                   "The stored state of this " + r->TypeName() +
                       " is in the legacy flatmap format, which this provider never wrote. "
                       "Remove it from state and import it again.");
    return;
  }
  if (req.version > s.version) {
    diags.AddError("State from a newer provider",
                   "The stored state of this " + r->TypeName() + " has schema version " +
                       std::to_string(req.version) + ", newer than this provider's " +
                       std::to_string(s.version) + ". Upgrade the provider.");
    return;
  }
  if (req.version == s.version) {
    // Attributes removed from the schema are dropped, as other frameworks do.
    auto v = cty::DecodeJsonLenient(req.raw_json, s.ValueType());
    if (!v.ok()) {
      AddCodecError(diags, "stored state", v.status());
      return;
    }
    resp.upgraded = std::move(v).value();
    return;
  }
  UpgradeStateResponse uresp;
  r->UpgradeState(UpgradeStateRequest{req.version, req.raw_json}, uresp);
  diags.Append(uresp.diagnostics);
  if (!uresp.diagnostics.HasError()) resp.upgraded = std::move(uresp.state);
}

}  // namespace tfplugin::server
