// vers_provision's create (files, then commands, over SSH-over-TLS or the
// API) and destroy (destroy_commands, on the VM resumed for them).
#include "resources/framework.h"
#include "resources/provision.h"
#include "resources/provision_api.h"
#include "resources/provision_inputs.h"
#include "resources/provision_run.h"
#include "resources/provision_upload.h"
#include "resources/vm_common.h"
#include "resources/vm_running.h"
#include "ssh/session.h"

namespace vers::resources {

void Provision::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  ProvisionInputs in = ReadProvisionInputs(req.plan, resp.diagnostics);
  if (resp.diagnostics.HasError()) return;
  // The plan carries the hash when its inputs were known; else it is taken
  // now, before anything changes on the VM.
  auto id = values::Get(req.plan, kProvision.id);
  if (!id) id = ProvisionIdOrDiagnose(in, ctx.stop_flag(), resp.diagnostics);
  if (!id) return;
  auto deadline = DeadlineFor(req.plan, "create", std::chrono::minutes(30));
  if (UsesApiTransport(req.plan)) {
    auto summary = ProvisionOverApi(*api, in, CommandTimeout(req.plan), deadline, resp.diagnostics);
    if (summary)
      resp.state = values::ObjectBuilder(req.plan)
                       .Set(kProvision.id, *id)
                       .Set(kProvision.summary, *summary)
                       .Build();
    return;
  }
  auto session = ConnectToVm(ctx, *api, SshTargetOf(req.plan), deadline);
  if (!session.ok())
    return AddApiError(resp.diagnostics, "Cannot reach VM " + in.vm_id, session.status());
  ssh::SshSession& ssh = *session.value();

  auto bytes = UploadAll(ssh, in, deadline, resp.diagnostics);
  if (!bytes) return;
  std::string summary = std::to_string(in.uploads.size()) + " files (" + std::to_string(*bytes) +
                        " bytes, verified); ";
  if (!RunCommands(ssh, in, in.commands, kProvisionInputs.commands.name(), CommandTimeout(req.plan),
                   deadline, summary, resp.diagnostics))
    return;
  // Written data reaches the disk before a following commit snapshots it.
  SyncDisk(ssh, deadline, resp.diagnostics);
  resp.state = values::ObjectBuilder(req.plan)
                   .Set(kProvision.id, *id)
                   .Set(kProvision.summary, summary)
                   .Build();
}

void Provision::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  Diagnostics refused;
  ProvisionInputs in = ReadCommandInputs(req.state, refused);
  if (in.destroy_commands.empty()) return;
  // A state written before such inputs were refused (a NUL, an environment
  // name that is shell) does not get its commands run cut short or as shell;
  // the destroy goes on (the configuration cannot hold those inputs any more,
  // so an error here could never be got past).
  if (refused.HasError()) {
    std::string why;
    for (const auto& d : refused.items()) why += "\n  " + d.detail;
    return resp.diagnostics.AddWarning(
        "destroy_commands not run",
        "The recorded inputs of this resource are refused, so its destroy_commands were not "
        "run:" +
            why);
  }
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto deadline = DeadlineFor(req.state, "delete", std::chrono::minutes(10));
  // A paused VM (a commit's keep_paused) is resumed for the commands and
  // paused again: it could not answer SSH.
  Status vm = WithVmRunning(*api, ctx, in.vm_id, deadline, [&] {
    if (UsesApiTransport(req.state)) {
      std::string summary;
      RunCommandsOverApi(*api, in, in.destroy_commands, kProvision.destroy_commands.name(),
                         CommandTimeout(req.state), deadline, summary, resp.diagnostics);
      return;
    }
    auto session = ConnectToVm(ctx, *api, SshTargetOf(req.state), deadline);
    if (!session.ok()) {
      if (session.status().is_not_found())
        return resp.diagnostics.AddWarning("destroy_commands skipped",
                                           "VM " + in.vm_id + " no longer exists.");
      return AddApiError(resp.diagnostics, "Cannot reach VM " + in.vm_id, session.status());
    }
    std::string summary;
    RunCommands(*session.value(), in, in.destroy_commands, kProvision.destroy_commands.name(),
                CommandTimeout(req.state), deadline, summary, resp.diagnostics);
  });
  if (vm.is_not_found())
    resp.diagnostics.AddWarning("destroy_commands skipped", vm.message() + ".");
  else if (!vm.ok())
    AddApiError(resp.diagnostics, "destroy_commands on VM " + in.vm_id, vm);
}

}  // namespace vers::resources
