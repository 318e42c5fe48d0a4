// Protocol features the framework does not offer. Each answers with an empty
// response or a diagnostic that says what is not supported, so that no client
// ever sees an UNIMPLEMENTED transport error.
#include "plugin/rpc/service.h"
#include "plugin/wire/convert.h"

namespace tfplugin::rpc {

namespace {
template <typename Response>
Status Answer(const server::Server& server, Response* resp, const std::string& feature) {
  wire::ToProto(server.NotSupported(feature), resp->mutable_diagnostics());
  return Status::OK;
}
}  // namespace

Status ProviderService::UpgradeResourceIdentity(ServerContext*,
                                                const pb::UpgradeResourceIdentity::Request*,
                                                pb::UpgradeResourceIdentity::Response* resp) {
  return Answer(server_, resp, "resource identities");
}

Status ProviderService::MoveResourceState(ServerContext*, const pb::MoveResourceState::Request*,
                                          pb::MoveResourceState::Response* resp) {
  return Answer(server_, resp, "moving state between resource types");
}

Status ProviderService::GenerateResourceConfig(ServerContext*,
                                               const pb::GenerateResourceConfig::Request*,
                                               pb::GenerateResourceConfig::Response* resp) {
  return Answer(server_, resp, "configuration generation");
}

Status ProviderService::ListResource(ServerContext*, const pb::ListResource::Request*,
                                     ::grpc::ServerWriter<pb::ListResource::Event>* writer) {
  pb::ListResource::Event event;
  wire::ToProto(server_.NotSupported("list resources"), event.mutable_diagnostic());
  writer->Write(event);
  return Status::OK;
}

Status ProviderService::ValidateListResourceConfig(ServerContext*,
                                                   const pb::ValidateListResourceConfig::Request*,
                                                   pb::ValidateListResourceConfig::Response* resp) {
  return Answer(server_, resp, "list resources");
}

Status ProviderService::GetFunctions(ServerContext*, const pb::GetFunctions::Request*,
                                     pb::GetFunctions::Response*) {
  return Status::OK;  // no provider functions: an empty map
}

Status ProviderService::CallFunction(ServerContext*, const pb::CallFunction::Request* req,
                                     pb::CallFunction::Response* resp) {
  resp->mutable_error()->set_text("The vers provider has no function \"" + req->name() + "\".");
  return Status::OK;
}

Status ProviderService::ValidateStateStoreConfig(ServerContext*,
                                                 const pb::ValidateStateStore::Request*,
                                                 pb::ValidateStateStore::Response* resp) {
  return Answer(server_, resp, "state stores");
}

Status ProviderService::ConfigureStateStore(ServerContext*, const pb::ConfigureStateStore::Request*,
                                            pb::ConfigureStateStore::Response* resp) {
  return Answer(server_, resp, "state stores");
}

Status ProviderService::ReadStateBytes(ServerContext*, const pb::ReadStateBytes::Request*,
                                       ::grpc::ServerWriter<pb::ReadStateBytes::Response>* writer) {
  pb::ReadStateBytes::Response resp;
  wire::ToProto(server_.NotSupported("state stores"), resp.mutable_diagnostics());
  writer->Write(resp);
  return Status::OK;
}

Status ProviderService::WriteStateBytes(
    ServerContext*, ::grpc::ServerReader<pb::WriteStateBytes::RequestChunk>* reader,
    pb::WriteStateBytes::Response* resp) {
  pb::WriteStateBytes::RequestChunk chunk;
  while (reader->Read(&chunk)) {
  }  // drain, then refuse
  return Answer(server_, resp, "state stores");
}

Status ProviderService::LockState(ServerContext*, const pb::LockState::Request*,
                                  pb::LockState::Response* resp) {
  return Answer(server_, resp, "state stores");
}

Status ProviderService::UnlockState(ServerContext*, const pb::UnlockState::Request*,
                                    pb::UnlockState::Response* resp) {
  return Answer(server_, resp, "state stores");
}

Status ProviderService::GetStates(ServerContext*, const pb::GetStates::Request*,
                                  pb::GetStates::Response* resp) {
  return Answer(server_, resp, "state stores");
}

Status ProviderService::DeleteState(ServerContext*, const pb::DeleteState::Request*,
                                    pb::DeleteState::Response* resp) {
  return Answer(server_, resp, "state stores");
}

Status ProviderService::PlanAction(ServerContext*, const pb::PlanAction::Request*,
                                   pb::PlanAction::Response* resp) {
  return Answer(server_, resp, "actions");
}

Status ProviderService::InvokeAction(ServerContext*, const pb::InvokeAction::Request*,
                                     ::grpc::ServerWriter<pb::InvokeAction::Event>* writer) {
  pb::InvokeAction::Event event;
  wire::ToProto(server_.NotSupported("actions"), event.mutable_completed()->mutable_diagnostics());
  writer->Write(event);
  return Status::OK;
}

Status ProviderService::ValidateActionConfig(ServerContext*,
                                             const pb::ValidateActionConfig::Request*,
                                             pb::ValidateActionConfig::Response* resp) {
  return Answer(server_, resp, "actions");
}

}  // namespace tfplugin::rpc
