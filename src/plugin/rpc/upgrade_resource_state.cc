// UpgradeResourceState: brings stored state written by an older (or the same)
// schema version to the current schema.
#include "plugin/cty/json.h"
#include "plugin/rpc/service.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

Status ProviderService::UpgradeResourceState(ServerContext*,
                                             const pb::UpgradeResourceState::Request* req,
                                             pb::UpgradeResourceState::Response* resp) {
  return Guard("UpgradeResourceState", resp, [&]() -> Status {
    Diagnostics diags;
    auto done = [&] {
      wire::ToProto(diags, resp->mutable_diagnostics());
      return Status::OK;
    };
    const Resource* r = FindResource(req->type_name(), diags);
    if (r == nullptr) return done();
    const schema::Schema& s = r->GetSchema();
    const cty::Type type = s.ValueType();
    const std::string& json = req->raw_state().json();
    if (json.empty()) {
      diags.AddError("Unsupported state format",
                     "The stored state of this " + r->TypeName() +
                         " is in the legacy flatmap format, which this provider never wrote. "
                         "Remove it from state and import it again.");
      return done();
    }
    cty::Value upgraded;
    if (req->version() > s.version) {
      diags.AddError("State from a newer provider",
                     "The stored state of this " + r->TypeName() + " has schema version " +
                         std::to_string(req->version()) + ", newer than this provider's " +
                         std::to_string(s.version) + ". Upgrade the provider.");
      return done();
    } else if (req->version() == s.version) {
      // Attributes removed from the schema are dropped, as other frameworks do.
      auto v = cty::DecodeJsonLenient(json, type);
      if (!v.ok()) {
        AddCodecError(diags, "stored state", v.status());
        return done();
      }
      upgraded = v.value();
    } else {
      UpgradeStateResponse uresp;
      r->UpgradeState(UpgradeStateRequest{req->version(), json}, uresp);
      diags.Append(uresp.diagnostics);
      if (uresp.diagnostics.HasError()) return done();
      upgraded = uresp.state;
    }
    auto enc = wire::EncodeDynamic(upgraded, type, resp->mutable_upgraded_state());
    if (!enc.ok()) AddCodecError(diags, "upgraded state", enc);
    return done();
  });
}

}  // namespace vers::rpc
