// ReadResource: refreshes one resource's state from the remote object.
#include "plugin/server/server.h"

namespace tfplugin::server {

void Server::ReadResource(const ReadResourceRequest& req, ReadResourceResponse& resp) const {
  const Resource* r = FindResource(req.type_name, resp.diagnostics);
  if (r == nullptr) return;
  resp.private_state = req.private_state;
  if (req.current.is_null()) {
    resp.new_state = req.current;
    return;
  }
  ProviderContext* ctx = RequireContext(resp.diagnostics);
  if (ctx == nullptr) return;
  ReadResponse rresp{req.current, false, {}};
  r->Read(ReadRequest{req.current, *ctx}, rresp);
  resp.diagnostics.Append(rresp.diagnostics);
  // A resource deleted outside Terraform leaves the state quietly: Terraform
  // plans to create it again.
  if (rresp.removed) {
    resp.new_state = cty::Value::Null(r->GetSchema().ValueType());
  } else if (!rresp.diagnostics.HasError()) {
    resp.new_state = std::move(rresp.state);
  } else {
    resp.new_state = req.current;
  }
}

}  // namespace tfplugin::server
