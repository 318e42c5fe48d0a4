// vers_vergeio_vm_settings: the Packer provisioner's `configure_vm` action as
// a resource. Only the settings given are managed; the values found at
// create are kept (`original`) so that destroy can put them back when
// `restore_on_destroy` is set. `need_restart` reports VergeIO's word on
// whether the machine needs a power cycle for the change to apply (a field
// of the vms row: verge-io/docs api-vm-power-management.md).
//
// VergeIO answers every PUT `200 []` and silently drops fields it does not
// know (verge-io/ansible-collection-vergeos docs/DEFECTS-D1-D6.md), so each
// write is read back and a setting that did not take is an error on its
// attribute.
#include "resources/vergeio_vm_settings.h"

#include <regex>
#include <sstream>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/framework.h"
#include "resources/vergeio_common.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

const VergeioVmSettingsAttrs kVmSettings;

void ReportUnapplied(const client::VergeioVm& vm, const client::VergeioVmPatch& patch,
                     const client::VergeioVm& after, Diagnostics& diags) {
  for (const auto& u : client::Unapplied(patch, after))
    diags.AddError("VergeIO did not apply " + u.field,
                   "VergeIO accepted the change to VM " + vm.name + " but reads back " + u.field +
                       " = " + u.found + ", not " + u.wanted +
                       ". VergeIO silently ignores a setting it does not know or accept "
                       "(this VergeOS may lack the field, or it changed the value).",
                   AttributePath::Root(u.field));
}

namespace {

const VergeioVmSettingsAttrs& kA = kVmSettings;

// What `vm` has now for each setting `plan` manages (non-null), keyed by
// the attribute's name: the `original` that restore_on_destroy puts back.
schema::StringMap OriginalValues(const client::VergeioVm& vm, const cty::Value& plan) {
  schema::StringMap out;
  auto keep = [&](const auto& attr, std::string value) {
    if (values::IsSet(plan, attr)) out[attr.name()] = std::move(value);
  };
  keep(kA.cpu_cores, std::to_string(vm.cpu_cores));
  keep(kA.ram, std::to_string(vm.ram));
  keep(kA.cpu_type, vm.cpu_type);
  keep(kA.description, vm.description);
  keep(kA.advanced, vm.advanced);
  return out;
}

// The patch that sets the managed (non-null) attributes of `object`.
client::VergeioVmPatch PatchFrom(const cty::Value& object) {
  client::VergeioVmPatch p;
  p.cpu_cores = values::Get(object, kA.cpu_cores);
  p.ram = values::Get(object, kA.ram);
  p.cpu_type = values::Get(object, kA.cpu_type);
  p.description = values::Get(object, kA.description);
  p.advanced = values::Get(object, kA.advanced);
  return p;
}

// Sets the managed attributes of `out` to what the VM has (drift shows).
void ReadInto(const client::VergeioVm& vm, const cty::Value& state, values::ObjectBuilder& out) {
  if (values::Get(state, kA.cpu_cores)) out.Set(kA.cpu_cores, vm.cpu_cores);
  if (values::Get(state, kA.ram)) out.Set(kA.ram, vm.ram);
  if (values::Get(state, kA.cpu_type)) out.Set(kA.cpu_type, vm.cpu_type);
  if (values::Get(state, kA.description)) out.Set(kA.description, vm.description);
  if (values::Get(state, kA.advanced)) out.Set(kA.advanced, vm.advanced);
}

// Applies the plan and records the state with need_restart.
void Apply(provider::VersContext& ctx, const cty::Value& plan, const cty::Value& base,
           const std::string& op, StateResponse& resp) {
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  auto d = VergeioDeadline(ctx, plan, op);
  auto vm = ResolveVm(*api, plan, d, resp.diagnostics);
  if (!vm) return;
  values::ObjectBuilder out(plan);
  out.Set(kA.id, std::to_string(vm->key));
  if (op == "create") {
    out.Set(kA.original, OriginalValues(*vm, plan));
  } else {
    out.Set(kA.original, values::Raw(base, kA.original));
  }
  auto after = api->UpdateVm(vm->key, PatchFrom(plan), d);
  if (!after.ok()) {
    resp.diagnostics.AddError("Cannot change the settings of VM " + vm->name,
                              after.status().message());
    // A create whose change may have been made keeps what it found (tainted
    // by the error), so that restore_on_destroy can still put it back.
    if (op == "create") resp.state = out.NullUnknowns().Build();
    return;
  }
  ReportUnapplied(*vm, PatchFrom(plan), after.value(), resp.diagnostics);
  out.Set(kA.need_restart, after.value().need_restart);
  if (after.value().need_restart)
    resp.diagnostics.AddWarning("VM " + vm->name + " needs a restart",
                                "VergeIO applies the new settings at the next power cycle.");
  resp.state = out.Build();
}

schema::Schema VergeioVmSettingsSchema() {
  schema::Schema s;
  s.block.description =
      "CPU, RAM and other settings of a VergeIO VM (the Packer provisioner's `configure_vm` "
      "action, as a resource). Only the settings given are managed. VergeIO accepts any "
      "change and silently drops what it does not know, so every change is read back: a "
      "setting that did not take is an error on its attribute.";
  s.block.attributes = {
      kVergeioVm.vm.Declare()
          .Required()
          .Description("The VM: its key or its name.")
          .Modify(plan::RequiresReplace()),
      kA.cpu_cores.Declare()
          .Optional()
          .Description("CPU cores.")
          .Validate(schema::validators::IntBetween(1, 1024)),
      kA.ram.Declare()
          .Optional()
          .Description("RAM in MB.")
          .Validate(schema::validators::IntBetween(256, 16777216)),
      kA.cpu_type.Declare().Optional().Description("CPU type, e.g. `host` or `qemu64`."),
      kA.description.Declare().Optional().Description("The VM's description."),
      kA.advanced.Declare().Optional().Description(
          "VergeIO's advanced options: `key=value` lines (not JSON)."),
      kA.restore_on_destroy.Declare()
          .Default(Value::Bool(false))
          .Description("On destroy, put back the values found when the resource was created."),
      kA.need_restart.Declare().Computed().Description(
          "Whether VergeIO says the VM needs a power cycle for the settings to apply."),
      kA.original.Declare()
          .Computed()
          .Description("The managed settings as they were before the resource changed them.")
          .Modify(plan::UseStateForUnknown()),
      kA.id.Declare().Computed().Description("The VM's key.").Modify(plan::UseStateForUnknown()),
  };
  s.attr_sets = {&kA, &kVergeioVm};
  s.block.blocks = {schema::TimeoutsBlock({"create", "update", "delete"})};
  return s;
}

}  // namespace

VergeioVmSettings::VergeioVmSettings()
    : WithSchema("vers_vergeio_vm_settings", VergeioVmSettingsSchema()) {}

void VergeioVmSettings::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  auto advanced = values::Get(req.config, kA.advanced);
  if (!advanced) return;
  static const std::regex kLine(R"(^\s*[A-Za-z0-9_.\-]+\s*=.*$)");
  std::istringstream in(*advanced);
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    bool blank = line.find_first_not_of(" \t\r") == std::string::npos;
    if (blank || line.front() == '#' || std::regex_match(line, kLine)) continue;
    std::string hint = !line.empty() && (line.front() == '{' || line.front() == '[')
                           ? " It looks like JSON; VergeIO wants one `key=value` per line."
                           : "";
    resp.diagnostics.AddError(
        "Invalid advanced options",
        "Line " + std::to_string(n) + " (\"" + line + "\") is not `key=value`." + hint,
        kA.advanced.path());
  }
}

void VergeioVmSettings::Create(const CreateRequest& req, StateResponse& resp) const {
  Apply(provider::VersContext::From(req.ctx), req.plan, cty::Value(), "create", resp);
}

void VergeioVmSettings::Update(const UpdateRequest& req, StateResponse& resp) const {
  Apply(provider::VersContext::From(req.ctx), req.plan, req.state, "update", resp);
}

void VergeioVmSettings::Read(const ReadRequest& req, ReadResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  auto d = VergeioDeadline(ctx, req.state, "read");
  auto vm = FindVmForRead(*api, values::Get(req.state, kA.id).value_or(""), d, resp);
  if (!vm) return;
  values::ObjectBuilder out(req.state);
  ReadInto(*vm, req.state, out);
  out.Set(kA.id, std::to_string(vm->key));
  out.Set(kA.need_restart, vm->need_restart);
  if (out.Current(kA.original).is_null())  // after an import: now is the baseline
    out.Set(kA.original, schema::StringMap{});
  resp.state = out.Build();
}

}  // namespace vers::resources
