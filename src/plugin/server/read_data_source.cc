// ReadDataSource: evaluates a data source from its configuration.
#include "plugin/schema/walk.h"
#include "plugin/server/server.h"

namespace tfplugin::server {

void Server::ReadDataSource(const ReadDataSourceRequest& req, ReadDataSourceResponse& resp) const {
  Diagnostics& diags = resp.diagnostics;
  const DataSource* d = FindDataSource(req.type_name, diags);
  if (d == nullptr) return;
  ProviderContext* ctx = RequireContext(diags);
  if (ctx == nullptr) return;
  StateResponse sresp;
  d->Read(ReadDataRequest{req.config, *ctx}, sresp);
  diags.Append(sresp.diagnostics);
  if (sresp.diagnostics.HasError()) return;
  if (!sresp.state) {
    diags.AddError("Data source returned no state",
                   d->TypeName() + " returned no value. This is a bug in the provider.");
    return;
  }
  if (auto path = schema::FindUnknown(*sresp.state)) {
    diags.AddError("Data source left a value unknown",
                   d->TypeName() + " returned an unknown value at " + path->ToString() +
                       ". This is a bug in the provider.",
                   *path);
    return;
  }
  resp.state = std::move(sresp.state);
}

}  // namespace tfplugin::server
