// vers_vms and vers_vm (declared in vms.h): VMs filtered by state and labels,
// and one VM by id.
#include "datasources/vms.h"

#include "datasources/read_deadline.h"
#include "plugin/values.h"
#include "resources/context.h"
#include "resources/framework.h"

namespace vers::datasources {

using cty::Value;

namespace {

// One element of vers_vms' `vms`: what GET /vms says of a VM.
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
  schema::Attr<cty::Value> vms{this, "vms", kVmElement.ListType()};
  schema::Attr<schema::StringList> ids{this, "ids"};
};
const VmsAttrs kVms;

// vers_vm: an element of vers_vms, and what the VM's metadata adds.
struct OneVmAttrs : VmElementAttrs {
  schema::Attr<std::string> ip{this, "ip"};
  schema::Attr<std::string> parent_commit_id{this, "parent_commit_id"};
};
const OneVmAttrs kOneVm;

// Sets what both data sources say of the VM `id` but the id itself
// (vers_vm keeps the configured one).
values::ObjectBuilder& SetVmFields(values::ObjectBuilder& b, const VmElementAttrs& a,
                                   provider::VersContext& ctx, const std::string& id,
                                   const client::Vm& vm) {
  return b.Set(a.state, vm.state)
      .Set(a.created_at, vm.created_at)
      .Set(a.labels, vm.labels)
      .Set(a.ssh_host, ctx.SshHost(id));
}

bool HasLabels(const client::Vm& vm, const schema::StringMap& labels) {
  for (const auto& [k, v] : labels) {
    auto it = vm.labels.find(k);
    if (it == vm.labels.end() || it->second != v) return false;
  }
  return true;
}

schema::Schema VmsSchema() {
  schema::Schema s;
  s.block.description = "The VMs the API key can see, optionally filtered by state and labels.";
  s.block.attributes = {
      kVms.state.Declare().Optional().Description("Only VMs in this state (e.g. `running`)."),
      kVms.labels.Declare().Optional().Description("Only VMs carrying all these labels."),
      kVms.vms.Declare().Computed().Description(
          "The matching VMs: `id`, `state`, `created_at`, `labels`, `ssh_host`."),
      kVms.ids.Declare().Computed().Description("The ids of the matching VMs."),
  };
  s.attr_sets = {&kVms};
  return s;
}

}  // namespace

Vms::Vms() : WithSchema("vers_vms", VmsSchema()) {}

void Vms::Read(const ReadDataRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto vms = api->ListVms(ReadDeadline());
  if (!vms.ok()) {
    resp.diagnostics.AddError("Cannot list VMs", vms.status().message());
    return;
  }
  auto state = values::Get(req.config, kVms.state);
  auto labels = values::Get(req.config, kVms.labels).value_or(schema::StringMap{});
  Value::Elements list;
  schema::StringList ids;
  for (const auto& vm : vms.value()) {
    if ((state && vm.state != *state) || !HasLabels(vm, labels)) continue;
    values::ObjectBuilder element(kVmElement.ObjectType());
    element.Set(kVmElement.id, vm.vm_id);
    list.push_back(SetVmFields(element, kVmElement, ctx, vm.vm_id, vm).Build());
    ids.push_back(vm.vm_id);
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set(kVms.vms, Value::List(kVmElement.ObjectType(), std::move(list)))
                   .Set(kVms.ids, ids)
                   .Build();
}

namespace {

schema::Schema OneVmSchema() {
  schema::Schema s;
  s.block.description = "One VM, by id.";
  s.block.attributes = {
      kOneVm.id.Declare().Required().Description("The VM's id."),
      kOneVm.state.Declare().Computed().Description("The VM's state."),
      kOneVm.created_at.Declare().Computed().Description("When the VM was created."),
      kOneVm.labels.Declare().Computed().Description("The VM's labels."),
      kOneVm.ssh_host.Declare().Computed().Description(
          "SSH-over-TLS host name: `<id>.<vm_domain>`."),
      kOneVm.ip.Declare().Computed().Description("The VM's IP address."),
      kOneVm.parent_commit_id.Declare().Computed().Description("The commit it came from, if any."),
  };
  s.attr_sets = {&kOneVm};
  return s;
}

}  // namespace

OneVm::OneVm() : WithSchema("vers_vm", OneVmSchema()) {}

void OneVm::Read(const ReadDataRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::Get(req.config, kOneVm.id);
  if (api == nullptr || !id) return;
  auto vm = api->GetVmStatus(*id, ReadDeadline());
  auto meta =
      vm.ok() ? api->GetVmMetadata(*id, ReadDeadline()) : Result<client::VmMetadata>(vm.status());
  if (!meta.ok()) {
    resp.diagnostics.AddError("Cannot read VM " + *id, meta.status().message(), kOneVm.id.path());
    return;
  }
  values::ObjectBuilder state(req.config);
  resp.state = SetVmFields(state, kOneVm, ctx, *id, vm.value())
                   .Set(kOneVm.ip, meta.value().ip)
                   .SetOrNull(kOneVm.parent_commit_id, meta.value().parent_commit_id)
                   .Build();
}

}  // namespace vers::datasources
