// OpenEphemeralResource: produces an ephemeral value from its configuration.
#include "plugin/server/server.h"

namespace tfplugin::server {

void Server::OpenEphemeralResource(const OpenEphemeralResourceRequest& req,
                                   OpenEphemeralResourceResponse& resp) const {
  const EphemeralResource* e = FindEphemeral(req.type_name, resp.diagnostics);
  if (e == nullptr) return;
  ProviderContext* ctx = RequireContext(resp.diagnostics);
  if (ctx == nullptr) return;
  OpenEphemeralResponse oresp;
  e->Open(OpenEphemeralRequest{req.config, *ctx}, oresp);
  resp.diagnostics.Append(oresp.diagnostics);
  if (!oresp.diagnostics.HasError()) resp.result = std::move(oresp.result);
}

}  // namespace tfplugin::server
