#include "datasources/vms.h"

#include "plugin/values.h"
#include "resources/context.h"

namespace vers::datasources {

using cty::Type;
using cty::Value;
using schema::Attribute;

namespace {

auto Deadline() { return std::chrono::steady_clock::now() + std::chrono::minutes(5); }

// One element of vers_vms' `vms`.
struct VmElementAttrs : schema::AttrSet {
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> state{this, "state"};
  schema::Attr<std::string> created_at{this, "created_at"};
  schema::Attr<schema::StringMap> labels{this, "labels"};
  schema::Attr<std::string> ssh_host{this, "ssh_host"};
};
const VmElementAttrs kVmElement;

struct VmsAttrs : schema::AttrSet {
  schema::Attr<std::string> state{this, "state"};
  schema::Attr<schema::StringMap> labels{this, "labels"};
  schema::Attr<cty::Value> vms{this, "vms", Type::List(kVmElement.ObjectType())};
  schema::Attr<schema::StringList> ids{this, "ids"};
};
const VmsAttrs kVms;

struct OneVmAttrs : schema::AttrSet {
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> state{this, "state"};
  schema::Attr<std::string> created_at{this, "created_at"};
  schema::Attr<schema::StringMap> labels{this, "labels"};
  schema::Attr<std::string> ssh_host{this, "ssh_host"};
  schema::Attr<std::string> ip{this, "ip"};
  schema::Attr<std::string> parent_commit_id{this, "parent_commit_id"};
};
const OneVmAttrs kOneVm;

Value VmObject(provider::VersContext& ctx, const client::Vm& vm) {
  return values::ObjectBuilder(kVmElement.ObjectType())
      .Set(kVmElement.id, vm.vm_id)
      .Set(kVmElement.state, vm.state)
      .Set(kVmElement.created_at, vm.created_at)
      .Set(kVmElement.labels, vm.labels)
      .Set(kVmElement.ssh_host, ctx.SshHost(vm.vm_id))
      .Build();
}

}  // namespace

Vms::Vms() {
  schema_.block.description =
      "The VMs the API key can see, optionally filtered by state and labels.";
  schema_.block.attributes = {
      kVms.state.Declare().Optional().Description("Only VMs in this state (e.g. `running`)."),
      kVms.labels.Declare().Optional().Description("Only VMs carrying all these labels."),
      kVms.vms.Declare().Computed().Description(
          "The matching VMs: `id`, `state`, `created_at`, `labels`, `ssh_host`."),
      kVms.ids.Declare().Computed().Description("The ids of the matching VMs."),
  };
  schema_.attr_sets = {&kVms};
}

void Vms::Read(const ReadDataRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto vms = api->ListVms(Deadline());
  if (!vms.ok()) {
    resp.diagnostics.AddError("Cannot list VMs", vms.status().message());
    return;
  }
  auto state = values::Get(req.config, kVms.state);
  auto labels = values::Get(req.config, kVms.labels).value_or(schema::StringMap{});
  Value::Elements list;
  schema::StringList ids;
  for (const auto& vm : vms.value()) {
    if (state && vm.state != *state) continue;
    bool match = true;
    for (const auto& [k, v] : labels) {
      auto it = vm.labels.find(k);
      match = match && it != vm.labels.end() && it->second == v;
    }
    if (!match) continue;
    list.push_back(VmObject(ctx, vm));
    ids.push_back(vm.vm_id);
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set(kVms.vms, Value::List(kVmElement.ObjectType(), std::move(list)))
                   .Set(kVms.ids, ids)
                   .Build();
}

OneVm::OneVm() {
  schema_.block.description = "One VM, by id.";
  schema_.block.attributes = {
      kOneVm.id.Declare().Required().Description("The VM's id."),
      kOneVm.state.Declare().Computed().Description("The VM's state."),
      kOneVm.created_at.Declare().Computed().Description("When the VM was created."),
      kOneVm.labels.Declare().Computed().Description("The VM's labels."),
      kOneVm.ssh_host.Declare().Computed().Description(
          "SSH-over-TLS host name: `<id>.<vm_domain>`."),
      kOneVm.ip.Declare().Computed().Description("The VM's IP address."),
      kOneVm.parent_commit_id.Declare().Computed().Description("The commit it came from, if any."),
  };
  schema_.attr_sets = {&kOneVm};
}

void OneVm::Read(const ReadDataRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::Get(req.config, kOneVm.id);
  if (api == nullptr || !id) return;
  auto vm = api->GetVmStatus(*id, Deadline());
  auto meta =
      vm.ok() ? api->GetVmMetadata(*id, Deadline()) : Result<client::VmMetadata>(vm.status());
  if (!meta.ok()) {
    resp.diagnostics.AddError("Cannot read VM " + *id, meta.status().message(), kOneVm.id.path());
    return;
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set(kOneVm.state, vm.value().state)
                   .Set(kOneVm.created_at, vm.value().created_at)
                   .Set(kOneVm.labels, vm.value().labels)
                   .Set(kOneVm.ssh_host, ctx.SshHost(*id))
                   .Set(kOneVm.ip, meta.value().ip)
                   .SetOrNull(kOneVm.parent_commit_id, meta.value().parent_commit_id)
                   .Build();
}

}  // namespace vers::datasources
