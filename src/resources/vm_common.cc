#include "resources/vm_common.h"

#include <thread>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "resources/framework.h"

namespace vers::resources {

using schema::Attribute;

const VmAttrs kVm;
const VmConfigAttrs kVmConfig;

std::vector<Attribute> VmComputedAttributes() {
  auto keep = schema::plan::UseStateForUnknown;
  return {
      kVm.id.Declare().Computed().Description("The VM's id.").Modify(keep()),
      kVm.state.Declare().Computed().Description(
          "The VM's state: `booting`, `running`, `paused`, `sleeping` or `dead`."),
      kVm.ssh_host.Declare()
          .Computed()
          .Description("SSH-over-TLS host name: `<id>.<vm_domain>` (user `root`).")
          .Modify(keep()),
      kVm.ssh_port.Declare()
          .Computed()
          .Description("TLS port of the SSH-over-TLS front to dial for `ssh_host`: the provider's "
                       "`ssh_tls_port` (443 on Vers).")
          .Modify(keep()),
      kVm.ssh_private_key.Declare()
          .Computed()
          .Sensitive()
          .Description("The VM's SSH private key (OpenSSH format); null when the provider's "
                       "`store_ssh_private_key` is `false` (use the `vers_vm_ssh_key` ephemeral "
                       "resource then).")
          .Modify(keep()),
      kVm.created_at.Declare()
          .Computed()
          .Description("When the VM was created (RFC 3339).")
          .Modify(keep()),
      kVm.ip.Declare().Computed().Description("The VM's IP address.").Modify(keep()),
      kVm.parent_commit_id.Declare()
          .Computed()
          .Description("The commit the VM was restored or branched from, if any.")
          .Modify(keep()),
  };
}

client::Deadline DeadlineFor(const cty::Value& resource, const std::string& op,
                             std::chrono::milliseconds fallback) {
  return std::chrono::steady_clock::now() + schema::TimeoutFor(resource, op, fallback);
}

void AddApiError(Diagnostics& diags, const std::string& summary, const Status& status) {
  diags.AddError(summary, status.message());
}

Status FillVmState(provider::VersContext& ctx, client::VersClient& api, const std::string& vm_id,
                   bool details, values::ObjectBuilder& out, client::Deadline deadline) {
  auto vm = api.GetVmStatus(vm_id, deadline);
  if (!vm.ok()) return vm.status();
  out.Set(kVm.id, vm_id)
      .Set(kVm.state, vm.value().state)
      .Set(kVm.ssh_host, ctx.SshHost(vm_id))
      .Set(kVm.ssh_port, ctx.settings().ssh_tls_port);
  if (!vm.value().created_at.empty()) out.Set(kVm.created_at, vm.value().created_at);
  // Labels (vers_vm only), without the provider's own: no labels and none
  // configured stays null.
  if (out.Has(kVmConfig.labels)) {
    cty::Value labels = out.Current(kVmConfig.labels);
    bool unset = labels.is_null() || !labels.is_known();
    auto configurable = client::WithoutOwnLabels(vm.value().labels);
    if (!(unset && configurable.empty())) out.Set(kVmConfig.labels, configurable);
  }
  if (!details) return Status::Ok();
  auto meta = api.GetVmMetadata(vm_id, deadline);
  if (!meta.ok()) return meta.status();
  out.Set(kVm.ip, meta.value().ip).SetOrNull(kVm.parent_commit_id, meta.value().parent_commit_id);
  if (cty::Value created = out.Current(kVm.created_at); created.is_null() || !created.is_known()) {
    out.Set(kVm.created_at, meta.value().created_at);
  }
  if (!ctx.settings().store_ssh_private_key) {
    out.SetNull(kVm.ssh_private_key);
    return Status::Ok();
  }
  auto key = api.GetSshKey(vm_id, deadline);
  if (!key.ok()) return key.status();
  out.Set(kVm.ssh_private_key, key.value().private_key);
  return Status::Ok();
}

Status DeleteVmPatiently(client::VersClient& api, const ProviderContext& ctx,
                         const std::string& vm_id, client::Deadline deadline) {
  auto delay = std::chrono::milliseconds(200);
  while (true) {
    Status s = api.DeleteVm(vm_id, deadline);
    if (s.ok() || s.is_not_found()) return Status::Ok();
    if (!s.is_conflict()) return s;
    if (ctx.stopped()) return Status::Cancelled("cancelled while waiting to delete VM " + vm_id);
    if (std::chrono::steady_clock::now() + delay >= deadline) {
      return Status::Timeout(s.message() +
                             " — still refused when the delete timeout ran out. Delete the VMs "
                             "and commits that depend on it first.");
    }
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(3000));
  }
}

void ReadVm(const ReadRequest& req, ReadResponse& resp) {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::Get(req.state, kVm.id);
  if (api == nullptr || !id) return;
  values::ObjectBuilder out(req.state);
  bool details = !values::Get(req.state, kVm.ssh_port);  // unset after an import
  Status s = FillVmState(ctx, *api, *id, details, out,
                         DeadlineFor(req.state, "read", std::chrono::minutes(5)));
  if (s.is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot read VM " + *id, s);
  // `paused` is managed only when configured (non-null in state).
  if (values::Get(req.state, kVmConfig.paused))
    out.Set(kVmConfig.paused, values::Get(out.Build(), kVm.state) == "paused");
  resp.state = out.Build();
}

Status ApplyPaused(client::VersClient& api, const ProviderContext& ctx, const std::string& vm_id,
                   const cty::Value& plan, client::Deadline deadline) {
  auto paused = values::Get(plan, kVmConfig.paused);
  if (!paused) return Status::Ok();
  auto vm = api.GetVmStatus(vm_id, deadline);
  if (!vm.ok()) return vm.status();
  if ((vm.value().state == "paused") == *paused) return Status::Ok();
  Status s = api.SetVmState(vm_id, *paused ? "Paused" : "Running", deadline);
  if (!s.ok()) return s;
  return WaitForVmState(api, ctx, vm_id, *paused ? "paused" : "running", deadline);
}

}  // namespace vers::resources
