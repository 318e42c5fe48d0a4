// ProviderService: the tfplugin6 Provider gRPC service. Each RPC lives in its
// own file under src/plugin/rpc/; each decodes wire values, calls the
// framework/provider, and encodes the answer. Unsupported protocol features
// answer with an empty response or a clear diagnostic, never a crash.
//
// Thread-safety: gRPC calls these concurrently; the service itself holds only
// immutable data after construction (the schema response is built once).
#pragma once

#include <initializer_list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

#include "plugin/provider.h"
#include "plugin/wire/convert.h"
#include "tfplugin6/tfplugin6.grpc.pb.h"

namespace vers::rpc {

namespace pb = ::tfplugin6;
// Short names for the gRPC types of the methods below.
using ::grpc::ServerContext;
using ::grpc::Status;

class ProviderService final : public pb::Provider::Service {
 public:
  explicit ProviderService(std::unique_ptr<Provider> provider);
  ProviderService(const ProviderService&) = delete;
  ProviderService& operator=(const ProviderService&) = delete;

  Provider& provider() { return *provider_; }

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
  const Resource* FindResource(const std::string& type_name, Diagnostics& diags) const;
  const DataSource* FindDataSource(const std::string& type_name, Diagnostics& diags) const;
  const EphemeralResource* FindEphemeral(const std::string& type_name, Diagnostics& diags) const;
  // The configured context, or null with an error diagnostic saying so.
  ProviderContext* RequireContext(Diagnostics& diags);

  std::unique_ptr<Provider> provider_;
  std::once_flag schema_once_;
  pb::GetProviderSchema::Response schema_;
};

// Runs an RPC's body. An exception escaping resource code (a bug) becomes an
// error diagnostic naming the RPC, instead of an opaque gRPC failure.
template <typename Response, typename Body>
Status Guard(const char* rpc, Response* resp, Body&& body) {
  try {
    return body();
  } catch (const std::exception& e) {
    Diagnostics diags;
    diags.AddError("Internal error in the provider",
                   std::string(rpc) + " failed: " + e.what() +
                       ". This is a bug in terraform-provider-vers; please report it with the "
                       "configuration that caused it.");
    wire::ToProto(diags, resp->mutable_diagnostics());
    return Status::OK;
  }
}

// Adds an error diagnostic for a value that failed to decode or encode; these
// indicate a protocol mismatch, not a user mistake, and say so.
void AddCodecError(Diagnostics& diags, const std::string& what, const vers::Status& status);

// Decodes each wire value as `type` into its destination, in order. On the
// first that fails, adds a codec error for `what` and returns false.
bool DecodeAll(
    Diagnostics& diags, const std::string& what, const cty::Type& type,
    std::initializer_list<std::pair<const tfplugin6::DynamicValue*, cty::Value*>> values);

}  // namespace vers::rpc
