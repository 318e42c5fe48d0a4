// ReadDataSource: evaluates a data source from its configuration.
#include "plugin/rpc/service.h"
#include "plugin/schema/walk.h"
#include "plugin/wire/convert.h"

namespace vers::rpc {

Status ProviderService::ReadDataSource(ServerContext*, const pb::ReadDataSource::Request* req,
                                       pb::ReadDataSource::Response* resp) {
  return Guard("ReadDataSource", resp, [&]() -> Status {
    Diagnostics diags;
    auto done = [&] {
      wire::ToProto(diags, resp->mutable_diagnostics());
      return Status::OK;
    };
    const DataSource* d = FindDataSource(req->type_name(), diags);
    if (d == nullptr) return done();
    const cty::Type type = d->GetSchema().ValueType();
    auto config = wire::DecodeDynamic(req->config(), type);
    if (!config.ok()) {
      AddCodecError(diags, "configuration", config.status());
      return done();
    }
    ProviderContext* ctx = RequireContext(diags);
    if (ctx == nullptr) return done();
    StateResponse sresp;
    d->Read(ReadDataRequest{config.value(), *ctx}, sresp);
    diags.Append(sresp.diagnostics);
    if (sresp.diagnostics.HasError()) return done();
    if (!sresp.state) {
      diags.AddError("Data source returned no state",
                     d->TypeName() + " returned no value. This is a bug in the provider.");
      return done();
    }
    if (auto path = schema::FindUnknown(*sresp.state)) {
      diags.AddError("Data source left a value unknown",
                     d->TypeName() + " returned an unknown value at " + path->ToString() +
                         ". This is a bug in the provider.",
                     *path);
      return done();
    }
    auto enc = wire::EncodeDynamic(*sresp.state, type, resp->mutable_state());
    if (!enc.ok()) AddCodecError(diags, "data source result", enc);
    return done();
  });
}

}  // namespace vers::rpc
