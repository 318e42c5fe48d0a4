// vers_provision: files, then commands, on a VM over SSH-over-TLS or the API
// (`transport`). This file declares and plans it; provision_apply.cc runs
// it. Its id is a hash of every input (file contents too), so a
// commit that lists it in `triggers` is retaken exactly when provisioning
// changes. Provisioning runs once per create; it is never repeated within an
// apply.
#include "resources/provision.h"

#include "plugin/schema/duration.h"
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/framework.h"
#include "resources/provision_inputs.h"
#include "resources/provision_schema.h"
#include "resources/vm_common.h"

namespace vers::resources {

const ProvisionFileAttrs kProvisionFile;
const ProvisionInputAttrs kProvisionInputs;
const ProvisionAttrs kProvision;

using cty::Type;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

schema::Schema ProvisionSchema() {
  schema::Schema s;
  auto replace = plan::RequiresReplace;
  s.block.description =
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
  s.block.attributes = {
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
    s.block.attributes.push_back(std::move(a));
  }
  for (auto& a : CommandTimingAttributes()) s.block.attributes.push_back(std::move(a));
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
    s.block.attributes.push_back(std::move(a));
  s.attr_sets = {&kProvision, &kProvisionInputs};
  s.block.blocks = {schema::TimeoutsBlock({"create", "delete"})};
  return s;
}

}  // namespace

Provision::Provision() : WithSchema("vers_provision", ProvisionSchema()) {}

bool UsesApiTransport(const cty::Value& object) {
  return values::Get(object, kProvision.transport).value_or("ssh") == "api";
}

void Provision::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  // Elements not yet known are checked at plan time, once they are.
  ReadProvisionInputs(req.config, resp.diagnostics);
  if (!UsesApiTransport(req.config)) return;
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

}  // namespace vers::resources
