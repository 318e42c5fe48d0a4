// vers_provision: files, then commands, on a VM over SSH-over-TLS or the API
// (`transport`). Its id is a hash of every input (file contents too), so a
// commit that lists it in `triggers` is retaken exactly when provisioning
// changes. Provisioning runs once per create; it is never repeated within an
// apply.
#include "resources/provision.h"

#include "base/log.h"
#include "plugin/schema/duration.h"
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/provision_api.h"
#include "resources/provision_inputs.h"
#include "resources/provision_run.h"
#include "resources/provision_schema.h"
#include "resources/provision_upload.h"
#include "resources/vm_common.h"
#include "resources/vm_running.h"
#include "ssh/session.h"

namespace vers::resources {

const ProvisionFileAttrs kProvisionFile;
const ProvisionInputAttrs kProvisionInputs;
const ProvisionAttrs kProvision;

using cty::Type;
using schema::Attribute;
namespace plan = schema::plan;

Provision::Provision() {
  auto replace = plan::RequiresReplace;
  schema_.block.description =
      "Uploads files to a VM and runs commands on it, over SSH tunnelled through TLS (the "
      "default) or, with `transport = \"api\"`, through the Vers API's file and exec calls. "
      "Over SSH it dials "
      "`<vm_id>.<vm_domain>` on the provider's `ssh_tls_port` (443 on Vers), natively: no `ssh` "
      "or `openssl` binaries, and "
      "the VM's private key never touches the disk. Files of any size are streamed over SFTP, "
      "many writes in flight, and checked on the VM by size and SHA-256 (files of 64 MiB or more "
      "range by range while they upload; `dd` and `openssl` or `sha256sum` on the VM do the "
      "hashing, without them only sizes are checked). Each file is written under a temporary "
      "name next to its destination and renamed into place once all are verified, so a "
      "destination holds what it held before or the whole, checked file: a failed upload "
      "removes its temporaries (a lost connection can leave a `.vers-upload-*` file behind). "
      "Changing anything re-provisions (a new resource); its `id` hashes every input, file "
      "contents included, for use in a commit's `triggers`.";
  schema_.block.attributes = {
      kProvision.vm_id.Declare().Required().Description("The VM to provision.").Modify(replace()),
      kProvision.transport.Declare()
          .Optional()
          .Description(
              "How files and commands reach the VM: `\"ssh\"` (the default: SSH tunnelled "
              "through TLS, SFTP for files) or `\"api\"` (the Vers API: `PUT /vm/{id}/files` in "
              "pieces of 1 MiB joined on the VM, and `POST /vm/{id}/exec/stream`, whose output "
              "stream is re-attached from where it broke, never run twice). Both check files by "
              "size and SHA-256 on the VM before renaming them into place, report a failed "
              "command with its exit status and last output lines, and stop the running command "
              "on Ctrl-C (over the API: its processes are sent SIGTERM). `\"api\"` needs no "
              "SSH port; `keepalive_interval`, `ssh_host` and `ssh_port` apply to `\"ssh\"` "
              "only. Changing it runs nothing again.")
          .Validate(schema::validators::OneOf({"ssh", "api"})),
  };
  for (auto& a : ProvisionInputAttributes()) {
    a.plan_modifiers.push_back(replace());
    schema_.block.attributes.push_back(std::move(a));
  }
  for (auto& a : CommandTimingAttributes()) schema_.block.attributes.push_back(std::move(a));
  for (auto& a : std::vector<Attribute>{
           kProvision.triggers.Declare()
               .Optional()
               .Description("Arbitrary values whose change re-provisions.")
               .Modify(replace()),
           kProvision.destroy_commands.Declare().Optional().Description(
               "Commands run when the resource is destroyed (skipped if the VM is gone). "
               "A paused VM (e.g. after a commit with `keep_paused`) is resumed for them "
               "and paused again."),
           kProvision.ssh_host.Declare().Optional().Description(
               "Override the SSH-over-TLS host name (default `<vm_id>.<vm_domain>`)."),
           kProvision.ssh_port.Declare()
               .Optional()
               .Description(
                   "Override the SSH-over-TLS port (default: the provider's `ssh_tls_port`, "
                   "443 on Vers).")
               .Validate(schema::validators::IntBetween(1, 65535)),
           kProvision.id.Declare().Computed().Description(
               "SHA-256 of every input, file contents included."),
           kProvision.summary.Declare()
               .Computed()
               .Description("What the run did: files and bytes uploaded, commands and exit codes.")
               .Modify(plan::UseStateForUnknown()),
       })
    schema_.block.attributes.push_back(std::move(a));
  schema_.attr_sets = {&kProvision, &kProvisionInputs};
  schema_.block.blocks = {schema::TimeoutsBlock({"create", "delete"})};
}

namespace {

bool OverApi(const cty::Value& object) {
  return values::Get(object, kProvision.transport).value_or("ssh") == "api";
}

}  // namespace

void Provision::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  // Elements not yet known are checked at plan time, once they are.
  ReadProvisionInputs(req.config, resp.diagnostics);
  if (!OverApi(req.config)) return;
  for (const schema::AttrRef& only_ssh : std::vector<schema::AttrRef>{
           kProvisionInputs.keepalive_interval, kProvision.ssh_host, kProvision.ssh_port}) {
    if (!req.config.GetAttr(only_ssh.name).is_null())
      resp.diagnostics.AddError(
          "Attribute applies to the SSH transport only",
          "`" + only_ssh.name +
              "` is set, but `transport = \"api\"` does not use SSH. Remove it, or set "
              "`transport = \"ssh\"` (the default).",
          AttributePath::Root(only_ssh.name));
  }
}

void Provision::ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const {
  if (resp.plan.is_null() || !WhollyKnown(values::Raw(resp.plan, kProvision.vm_id)) ||
      !WhollyKnown(values::Raw(resp.plan, kProvisionInputs.files)) ||
      !WhollyKnown(values::Raw(resp.plan, kProvisionInputs.commands)) ||
      !WhollyKnown(values::Raw(resp.plan, kProvisionInputs.environment)) ||
      !WhollyKnown(values::Raw(resp.plan, kProvision.triggers)) ||
      !WhollyKnown(values::Raw(resp.plan, kProvisionInputs.working_dir)))
    return;  // the id stays unknown until the inputs are
  ProvisionInputs in = ReadProvisionInputs(resp.plan, resp.diagnostics);
  if (resp.diagnostics.HasError()) return;
  // Hashing reads every source file: Ctrl-C must stop it.
  auto id = ProvisionIdOrDiagnose(in, req.ctx ? req.ctx->stop_flag() : nullptr, resp.diagnostics);
  if (!id) return;
  resp.plan = values::ObjectBuilder(resp.plan).Set(kProvision.id, *id).Build();
  // A changed file behind an unchanged path changes only the hash.
  auto prior = values::Get(req.state, kProvision.id);
  if (prior && *prior != *id) resp.requires_replace.push_back(kProvision.id.path());
}

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
  if (OverApi(req.plan)) {
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

void Provision::Read(const ReadRequest& req, ReadResponse& resp) const {
  // Provisioning leaves nothing to read back; the VM's existence is what
  // matters: one status call.
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto vm_id = values::Get(req.state, kProvision.vm_id);
  if (api == nullptr || !vm_id) return;
  auto vm = api->GetVmStatus(*vm_id, std::chrono::steady_clock::now() + std::chrono::minutes(2));
  if (!vm.ok() && vm.status().is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!vm.ok()) return AddApiError(resp.diagnostics, "Cannot read VM " + *vm_id, vm.status());
  resp.state = req.state;
}

void Provision::Update(const UpdateRequest& req, StateResponse& resp) const {
  // Only destroy_commands, command_timeout, keepalive_interval, the SSH
  // overrides, transport and timeouts change in place: nothing runs now.
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
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
    if (OverApi(req.state)) {
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
