// ReadDataSource: converts the configuration for the framework server and the
// data source's state back.
#include "plugin/rpc/service.h"

namespace tfplugin::rpc {

Status ProviderService::ReadDataSource(ServerContext*, const pb::ReadDataSource::Request* req,
                                       pb::ReadDataSource::Response* resp) {
  return Guard("ReadDataSource", resp, [&]() -> Status {
    server::ReadDataSourceResponse read;
    Diagnostics& diags = read.diagnostics;
    if (const schema::Schema* s = server_.DataSourceSchema(req->type_name(), diags)) {
      const cty::Type type = s->ValueType();
      server::ReadDataSourceRequest rreq{req->type_name(), {}};
      if (DecodeAll(diags, "configuration", type, {{&req->config(), &rreq.config}})) {
        server_.ReadDataSource(rreq, read);
        EncodeIfAnswered(diags, "data source result", read.state, type, resp->mutable_state());
      }
    }
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  });
}

}  // namespace tfplugin::rpc
