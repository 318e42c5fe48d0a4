// vers_vm: a root VM. Sizes are fixed at creation except the disk, which
// grows in place; labels and the pause state change in place.
#include "resources/vm.h"

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/framework.h"
#include "resources/vm_common.h"
#include "resources/vm_sizes.h"

namespace vers::resources {

using cty::Value;
namespace plan = schema::plan;
namespace validators = schema::validators;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<bool> wait_boot{this, "wait_boot"};
};
const Attrs kA;

schema::Validator NoOwnLabelKeys() {
  return {std::string("Keys starting with `") + client::kOwnLabelPrefix +
              "` are reserved by the provider.",
          [](const Value& v, const AttributePath& path, Diagnostics& diags) {
            for (const auto& [key, value] : v.AsAttributes()) {
              if (key.rfind(client::kOwnLabelPrefix, 0) != 0) continue;
              diags.AddError("Reserved label key",
                             path.ToString() + " uses the key \"" + key +
                                 "\"; keys starting with \"" + client::kOwnLabelPrefix +
                                 "\" are set by the provider itself (to find a VM whose creation "
                                 "answer was lost, and to mark the VMs it made). Use another key.",
                             path.ElementKey(key));
            }
          }};
}

schema::Schema VmSchema() {
  schema::Schema s;
  s.block.description =
      "A root Vers VM (a Firecracker micro-VM). Provision it with `vers_provision`, snapshot it "
      "with "
      "`vers_vm_commit`, and start copies of a snapshot with `vers_vm_restore` or "
      "`vers_vm_branch`. Import: the Vers API does not report a VM's sizes, so import "
      "`<id>:vcpu_count=N,mem_size_mib=N,fs_size_mib=N` (and `,image_name=NAME`) to record them, "
      "or import `<id>` and the "
      "first plan takes them from the configuration as an in-place update that changes nothing on "
      "the VM (never a replacement); sizes the configuration leaves unset stay null.";
  s.block.attributes = {
      kA.wait_boot.Declare()
          .Default(Value::Bool(true))
          .Description("Wait until the VM has booted before the create completes."),
      kVmConfig.labels.Declare()
          .Optional()
          .Description(
              "Labels to attach to the VM (changed in place). The provider adds its own, "
              "`terraform-provider-vers.managed-by = \"terraform\"` and "
              "`terraform-provider-vers.resource = \"vers_vm\"`, which are not shown here; keys "
              "starting with `terraform-provider-vers.` are reserved.")
          .Validate(validators::MapOfNonEmptyStrings(256))
          .Validate(NoOwnLabelKeys()),
      kVmConfig.paused.Declare().Optional().Description(
          "Keep the VM paused (`true`) or running (`false`), changed in place. When unset the "
          "pause state is not managed, so a commit with `keep_paused` causes no drift."),
  };
  auto sizes = VmSizeAttributes();
  for (auto& a : VmImageAttributes()) sizes.push_back(std::move(a));
  s.block.attributes.insert(s.block.attributes.begin(), std::make_move_iterator(sizes.begin()),
                            std::make_move_iterator(sizes.end()));
  for (auto& a : VmComputedAttributes()) s.block.attributes.push_back(std::move(a));
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "update", "delete"})};
  s.attr_sets = {&kA, &kVm, &kVmConfig, &kVmSize, &kVmImage};
  return s;
}

}  // namespace

Vm::Vm() : WithSchema("vers_vm", VmSchema()) {}

void Vm::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto deadline = DeadlineFor(req.plan, "create", std::chrono::minutes(10));
  client::VmConfig config;
  config.vcpu_count = values::Get(req.plan, kVmSize.vcpu_count);
  config.mem_size_mib = values::Get(req.plan, kVmSize.mem_size_mib);
  config.fs_size_mib = values::Get(req.plan, kVmSize.fs_size_mib);
  config.labels = client::WithManagedLabels(
      values::Get(req.plan, kVmConfig.labels).value_or(schema::StringMap{}), TypeName());
  // The API's defaults are sent as nothing, as before these existed.
  if (auto image = values::Get(req.plan, kVmImage.image_name); image && *image != "default")
    config.image_name = image;
  if (auto kernel = values::Get(req.plan, kVmImage.kernel_name); kernel && *kernel != "default.bin")
    config.kernel_name = kernel;
  // The API is not asked to wait for the boot: the id comes back at once, so
  // that a Ctrl-C during the boot still leaves the VM in the state.
  auto id = api->NewRootVm(config, /*wait_boot=*/false, deadline);
  if (!id.ok()) return AddApiError(resp.diagnostics, "Cannot create VM", id.status());

  values::ObjectBuilder out(req.plan);
  out.Set(kVm.id, id.value());
  // The metadata read by the wait (or once, without one) carries what the
  // state needs; `labels` stays as planned: it is what was sent.
  const bool paused = values::Get(req.plan, kVmConfig.paused).value_or(false);
  Result<client::VmMetadata> meta =
      values::Get(req.plan, kA.wait_boot).value_or(true) || paused
          ? WaitForVmMetadata(*api, req.ctx, id.value(), "running", deadline)
          : api->GetVmMetadata(id.value(), deadline);
  if (meta.ok() && paused) {
    Status p = api->SetVmState(id.value(), "Paused", deadline);
    meta = p.ok() ? WaitForVmMetadata(*api, req.ctx, id.value(), "paused", deadline)
                  : Result<client::VmMetadata>(p);
  }
  Status s = meta.ok() ? FillNewVmState(ctx, *api, id.value(), meta.value(), out, deadline)
                       : meta.status();
  if (!s.ok()) {
    // The VM exists: record it (Terraform marks it tainted) so it is not orphaned.
    AddApiError(resp.diagnostics, "VM " + id.value() + " was created but could not be completed",
                s);
  }
  resp.state = out.NullUnknowns().Build();
}

void Vm::Read(const ReadRequest& req, ReadResponse& resp) const {
  // After an import the pause state is unknown to the state: a paused VM is
  // recorded as `paused = true`, a running one leaves it unmanaged.
  bool imported = !values::Get(req.state, kVm.ssh_port);
  ReadVm(req, resp);
  if (imported && !resp.removed && values::Get(resp.state, kVm.state) == "paused")
    resp.state = values::ObjectBuilder(resp.state).Set(kVmConfig.paused, true).Build();
}

void Vm::Update(const UpdateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::Get(req.state, kVm.id);
  if (api == nullptr || !id) return;
  auto deadline = DeadlineFor(req.plan, "update", std::chrono::minutes(10));
  Status s;
  auto old_fs = values::Get(req.state, kVmSize.fs_size_mib);
  auto new_fs = values::Get(req.plan, kVmSize.fs_size_mib);
  if (new_fs && old_fs && *new_fs > *old_fs) s = api->ResizeDisk(*id, *new_fs, deadline);
  auto labels = values::Get(req.plan, kVmConfig.labels).value_or(schema::StringMap{});
  if (s.ok() && labels != values::Get(req.state, kVmConfig.labels).value_or(schema::StringMap{}))
    s = api->SetLabels(*id, client::WithManagedLabels(labels, TypeName()), deadline);
  if (s.ok()) s = ApplyPaused(*api, req.ctx, *id, req.plan, deadline);
  values::ObjectBuilder out(req.plan);
  if (s.ok()) s = FillVmState(ctx, *api, *id, false, out, deadline);
  if (!s.ok()) {
    AddApiError(resp.diagnostics, "Cannot update VM " + *id, s);
    return;  // the framework keeps the prior state
  }
  resp.state = out.NullUnknowns().Build();
}

void Vm::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::Get(req.state, kVm.id);
  if (api == nullptr || !id) return;
  Status s = DeleteVmPatiently(*api, req.ctx, *id,
                               DeadlineFor(req.state, "delete", std::chrono::minutes(10)));
  if (!s.ok()) AddApiError(resp.diagnostics, "Cannot delete VM " + *id, s);
}

// The Vers API does not report a VM's sizes, so an import id may carry them:
// "<vm_id>" (sizes left null: the first plan takes them from configuration,
// see VmSizeAttributes) or "<vm_id>:vcpu_count=2,mem_size_mib=4096,fs_size_mib=8192".
void Vm::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  size_t colon = req.id.find(':');
  values::ObjectBuilder out(ImportById(GetSchema(), req.id.substr(0, colon)));
  out.Set(kA.wait_boot, true);
  if (colon != std::string::npos) {
    if (Status s = SetImportedSizes(req.id.substr(colon + 1), out); !s.ok()) {
      resp.diagnostics.AddError("Invalid import id",
                                "\"" + req.id +
                                    "\" is not \"<vm_id>\" or "
                                    "\"<vm_id>:vcpu_count=N,mem_size_mib=N,fs_size_mib=N\" (" +
                                    s.message() + ").");
      return;
    }
  }
  resp.state = out.Build();
}

}  // namespace vers::resources
