// ImportResourceState: turns a user-given id into a (partial) state that
// ReadResource then completes.
#include "plugin/server/server.h"

namespace tfplugin::server {

void Server::ImportResourceState(const ImportResourceRequest& req,
                                 ImportResourceResponse& resp) const {
  const Resource* r = FindResource(req.type_name, resp.diagnostics);
  if (r == nullptr) return;
  ProviderContext* ctx = RequireContext(resp.diagnostics);
  if (ctx == nullptr) return;
  if (req.id.empty()) {
    resp.diagnostics.AddError("Missing import id",
                              "Give the id of the " + r->TypeName() + " to import.");
    return;
  }
  ImportResponse iresp;
  r->ImportState(ImportRequest{req.id, *ctx}, iresp);
  resp.diagnostics.Append(iresp.diagnostics);
  if (!iresp.diagnostics.HasError()) resp.state = std::move(iresp.state);
}

}  // namespace tfplugin::server
