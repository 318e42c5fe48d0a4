// ProviderService: the tfplugin6 Provider gRPC service, what
// terraform-plugin-framework's proto6server is: each RPC, in its own file
// under src/plugin/rpc/, only converts the request's wire values to framework
// types, calls the framework server (plugin/server/server.h, where the rules
// live) and converts its answer back. Unsupported protocol features answer
// with an empty response or a clear diagnostic, never a crash.
//
// Thread-safety: gRPC calls these concurrently; the service itself holds only
// immutable data after construction (the schema response is built once).
#pragma once

#include <initializer_list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>

#include "plugin/identity.h"
#include "plugin/provider.h"
#include "plugin/server/server.h"
#include "plugin/wire/convert.h"
#include "tfplugin6/tfplugin6.grpc.pb.h"

namespace tfplugin::rpc {

namespace pb = ::tfplugin6;
// Short names for the gRPC types of the methods below.
using ::grpc::ServerContext;
using ::grpc::Status;

class ProviderService final : public pb::Provider::Service {
 public:
  // Serves `provider`, owned for the service's lifetime, under `identity`
  // (named in diagnostics).
  ProviderService(std::unique_ptr<Provider> provider, ProviderIdentity identity);
  ProviderService(const ProviderService&) = delete;
  ProviderService& operator=(const ProviderService&) = delete;

  // The provider served, for serve/ (a signal stops it as StopProvider
  // does); owned by the service.
  Provider& provider() { return server_.provider(); }

  Status GetMetadata(ServerContext*, const pb::GetMetadataRpc::Request*,
                     pb::GetMetadataRpc::Response*) override;
  Status GetProviderSchema(ServerContext*, const pb::GetProviderSchema::Request*,
                           pb::GetProviderSchema::Response*) override;
  Status GetResourceIdentitySchemas(ServerContext*, const pb::GetResourceIdentitySchemas::Request*,
                                    pb::GetResourceIdentitySchemas::Response*) override;
  Status ValidateProviderConfig(ServerContext*, const pb::ValidateProviderConfig::Request*,
                                pb::ValidateProviderConfig::Response*) override;
  Status ValidateResourceConfig(ServerContext*, const pb::ValidateResourceConfig::Request*,
                                pb::ValidateResourceConfig::Response*) override;
  Status ValidateDataResourceConfig(ServerContext*, const pb::ValidateDataResourceConfig::Request*,
                                    pb::ValidateDataResourceConfig::Response*) override;
  Status ValidateEphemeralResourceConfig(ServerContext*,
                                         const pb::ValidateEphemeralResourceConfig::Request*,
                                         pb::ValidateEphemeralResourceConfig::Response*) override;
  Status UpgradeResourceState(ServerContext*, const pb::UpgradeResourceState::Request*,
                              pb::UpgradeResourceState::Response*) override;
  Status UpgradeResourceIdentity(ServerContext*, const pb::UpgradeResourceIdentity::Request*,
                                 pb::UpgradeResourceIdentity::Response*) override;
  Status ConfigureProvider(ServerContext*, const pb::ConfigureProvider::Request*,
                           pb::ConfigureProvider::Response*) override;
  Status ReadResource(ServerContext*, const pb::ReadResource::Request*,
                      pb::ReadResource::Response*) override;
  Status PlanResourceChange(ServerContext*, const pb::PlanResourceChange::Request*,
                            pb::PlanResourceChange::Response*) override;
  Status ApplyResourceChange(ServerContext*, const pb::ApplyResourceChange::Request*,
                             pb::ApplyResourceChange::Response*) override;
  Status ImportResourceState(ServerContext*, const pb::ImportResourceState::Request*,
                             pb::ImportResourceState::Response*) override;
  Status MoveResourceState(ServerContext*, const pb::MoveResourceState::Request*,
                           pb::MoveResourceState::Response*) override;
  Status ReadDataSource(ServerContext*, const pb::ReadDataSource::Request*,
                        pb::ReadDataSource::Response*) override;
  Status GenerateResourceConfig(ServerContext*, const pb::GenerateResourceConfig::Request*,
                                pb::GenerateResourceConfig::Response*) override;
  Status OpenEphemeralResource(ServerContext*, const pb::OpenEphemeralResource::Request*,
                               pb::OpenEphemeralResource::Response*) override;
  Status RenewEphemeralResource(ServerContext*, const pb::RenewEphemeralResource::Request*,
                                pb::RenewEphemeralResource::Response*) override;
  Status CloseEphemeralResource(ServerContext*, const pb::CloseEphemeralResource::Request*,
                                pb::CloseEphemeralResource::Response*) override;
  Status ListResource(ServerContext*, const pb::ListResource::Request*,
                      ::grpc::ServerWriter<pb::ListResource::Event>*) override;
  Status ValidateListResourceConfig(ServerContext*, const pb::ValidateListResourceConfig::Request*,
                                    pb::ValidateListResourceConfig::Response*) override;
  Status GetFunctions(ServerContext*, const pb::GetFunctions::Request*,
                      pb::GetFunctions::Response*) override;
  Status CallFunction(ServerContext*, const pb::CallFunction::Request*,
                      pb::CallFunction::Response*) override;
  Status ValidateStateStoreConfig(ServerContext*, const pb::ValidateStateStore::Request*,
                                  pb::ValidateStateStore::Response*) override;
  Status ConfigureStateStore(ServerContext*, const pb::ConfigureStateStore::Request*,
                             pb::ConfigureStateStore::Response*) override;
  Status ReadStateBytes(ServerContext*, const pb::ReadStateBytes::Request*,
                        ::grpc::ServerWriter<pb::ReadStateBytes::Response>*) override;
  Status WriteStateBytes(ServerContext*, ::grpc::ServerReader<pb::WriteStateBytes::RequestChunk>*,
                         pb::WriteStateBytes::Response*) override;
  Status LockState(ServerContext*, const pb::LockState::Request*,
                   pb::LockState::Response*) override;
  Status UnlockState(ServerContext*, const pb::UnlockState::Request*,
                     pb::UnlockState::Response*) override;
  Status GetStates(ServerContext*, const pb::GetStates::Request*,
                   pb::GetStates::Response*) override;
  Status DeleteState(ServerContext*, const pb::DeleteState::Request*,
                     pb::DeleteState::Response*) override;
  Status PlanAction(ServerContext*, const pb::PlanAction::Request*,
                    pb::PlanAction::Response*) override;
  Status InvokeAction(ServerContext*, const pb::InvokeAction::Request*,
                      ::grpc::ServerWriter<pb::InvokeAction::Event>*) override;
  Status ValidateActionConfig(ServerContext*, const pb::ValidateActionConfig::Request*,
                              pb::ValidateActionConfig::Response*) override;
  Status StopProvider(ServerContext*, const pb::StopProvider::Request*,
                      pb::StopProvider::Response*) override;

 private:
  // Runs an RPC's body. An exception escaping provider code (a bug) becomes
  // an error diagnostic naming the RPC, instead of an opaque gRPC failure.
  template <typename Response, typename Body>
  Status Guard(const char* rpc, Response* resp, Body&& body) {
    try {
      return body();
    } catch (const std::exception& e) {
      wire::ToProto(server_.InternalError(rpc, e.what()), resp->mutable_diagnostics());
      return Status::OK;
    }
  }

  server::Server server_;
  std::once_flag schema_once_;
  pb::GetProviderSchema::Response schema_;
};

// The rpc/ files report codec failures as the server does.
using server::AddCodecError;

// Decodes each wire value as `type` into its destination, in order. On the
// first that fails, adds a codec error for `what` and returns false.
bool DecodeAll(
    Diagnostics& diags, const std::string& what, const cty::Type& type,
    std::initializer_list<std::pair<const tfplugin6::DynamicValue*, cty::Value*>> values);

// Encodes `value` as `type` into `out` when the server answered one; a codec
// failure adds an error for `what` and returns false.
bool EncodeIfAnswered(Diagnostics& diags, const std::string& what,
                      const std::optional<cty::Value>& value, const cty::Type& type,
                      tfplugin6::DynamicValue* out);

}  // namespace tfplugin::rpc
