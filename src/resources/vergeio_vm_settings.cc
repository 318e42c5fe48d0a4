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
#include "resources/vergeio_common.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

const char* kFields[] = {"cpu_cores", "ram", "cpu_type", "description", "advanced"};

std::map<std::string, std::string> CurrentValues(const client::VergeioVm& vm) {
  return {{"cpu_cores", std::to_string(vm.cpu_cores)},
          {"ram", std::to_string(vm.ram)},
          {"cpu_type", vm.cpu_type},
          {"description", vm.description},
          {"advanced", vm.advanced}};
}

// The patch that sets the managed (non-null) attributes of `object`.
client::VergeioVmPatch PatchFrom(const cty::Value& object) {
  client::VergeioVmPatch p;
  p.cpu_cores = values::Int(object, "cpu_cores");
  p.ram = values::Int(object, "ram");
  p.cpu_type = values::String(object, "cpu_type");
  p.description = values::String(object, "description");
  p.advanced = values::String(object, "advanced");
  return p;
}

// Sets the managed attributes of `out` to what the VM has (drift shows).
void ReadInto(const client::VergeioVm& vm, const cty::Value& state, values::ObjectBuilder& out) {
  if (values::Int(state, "cpu_cores")) out.SetInt("cpu_cores", vm.cpu_cores);
  if (values::Int(state, "ram")) out.SetInt("ram", vm.ram);
  if (values::String(state, "cpu_type")) out.SetString("cpu_type", vm.cpu_type);
  if (values::String(state, "description")) out.SetString("description", vm.description);
  if (values::String(state, "advanced")) out.SetString("advanced", vm.advanced);
}

// An error on each attribute of `patch` that VM `vm`, read back, lacks.
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

// Applies the plan and records the state with need_restart.
void Apply(provider::VersContext& ctx, const cty::Value& plan, const cty::Value& base,
           const std::string& op, StateResponse& resp) {
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  auto d = VergeioDeadline(ctx, plan, op);
  auto vm = ResolveVm(*api, plan, d, resp.diagnostics);
  if (!vm) return;
  values::ObjectBuilder out(plan);
  out.SetString("id", std::to_string(vm->key));
  if (op == "create") {
    std::map<std::string, std::string> original;
    auto now = CurrentValues(*vm);
    for (const char* f : kFields) {
      if (!plan.GetAttr(f).is_null()) original[f] = now[f];
    }
    out.Set("original", values::StringMapValue(original));
  } else {
    out.Set("original", base.GetAttr("original"));
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
  out.SetBool("need_restart", after.value().need_restart);
  if (after.value().need_restart)
    resp.diagnostics.AddWarning("VM " + vm->name + " needs a restart",
                                "VergeIO applies the new settings at the next power cycle.");
  resp.state = out.Build();
}

}  // namespace

VergeioVmSettings::VergeioVmSettings() {
  schema_.block.description =
      "CPU, RAM and other settings of a VergeIO VM (the Packer provisioner's `configure_vm` "
      "action, as a resource). Only the settings given are managed. VergeIO accepts any "
      "change and silently drops what it does not know, so every change is read back: a "
      "setting that did not take is an error on its attribute.";
  schema_.block.attributes = {
      Attribute::String("vm")
          .Required()
          .Description("The VM: its key or its name.")
          .Modify(plan::RequiresReplace()),
      Attribute::Number("cpu_cores")
          .Optional()
          .Description("CPU cores.")
          .Validate(schema::validators::IntBetween(1, 1024)),
      Attribute::Number("ram")
          .Optional()
          .Description("RAM in MB.")
          .Validate(schema::validators::IntBetween(256, 16777216)),
      Attribute::String("cpu_type").Optional().Description("CPU type, e.g. `host` or `qemu64`."),
      Attribute::String("description").Optional().Description("The VM's description."),
      Attribute::String("advanced")
          .Optional()
          .Description("VergeIO's advanced options: `key=value` lines (not JSON)."),
      Attribute::Bool("restore_on_destroy")
          .Default(Value::Bool(false))
          .Description("On destroy, put back the values found when the resource was created."),
      Attribute::Bool("need_restart")
          .Computed()
          .Description(
              "Whether VergeIO says the VM needs a power cycle for the settings to apply."),
      Attribute::Map("original", cty::Type::String())
          .Computed()
          .Description("The managed settings as they were before the resource changed them.")
          .Modify(plan::UseStateForUnknown()),
      Attribute::String("id")
          .Computed()
          .Description("The VM's key.")
          .Modify(plan::UseStateForUnknown()),
  };
  schema_.block.blocks = {schema::TimeoutsBlock({"create", "update", "delete"})};
}

void VergeioVmSettings::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  auto advanced = values::String(req.config, "advanced");
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
        AttributePath::Root("advanced"));
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
  auto vm = api->FindVm(values::String(req.state, "id").value_or(""), d);
  if (!vm.ok() && vm.status().is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!vm.ok()) return resp.diagnostics.AddError("Cannot read VM", vm.status().message());
  values::ObjectBuilder out(req.state);
  ReadInto(vm.value(), req.state, out);
  out.SetString("id", std::to_string(vm.value().key));
  out.SetBool("need_restart", vm.value().need_restart);
  if (out.attributes().at("original").is_null())  // after an import: now is the baseline
    out.Set("original", values::StringMapValue({}));
  resp.state = out.Build();
}

void VergeioVmSettings::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  if (!values::Bool(req.state, "restore_on_destroy").value_or(false)) return;
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  auto original = values::StringMap(req.state, "original");
  client::VergeioVmPatch p;
  try {
    if (original.count("cpu_cores")) p.cpu_cores = std::stoll(original["cpu_cores"]);
    if (original.count("ram")) p.ram = std::stoll(original["ram"]);
  } catch (const std::exception&) {
    return resp.diagnostics.AddError("Cannot restore settings", "The recorded values are corrupt.");
  }
  if (original.count("cpu_type")) p.cpu_type = original["cpu_type"];
  if (original.count("description")) p.description = original["description"];
  if (original.count("advanced")) p.advanced = original["advanced"];
  auto d = VergeioDeadline(ctx, req.state, "delete");
  std::string id = values::String(req.state, "id").value_or("");
  auto vm = api->FindVm(id, d);
  if (!vm.ok() && vm.status().is_not_found()) return;  // the VM is gone: nothing to put back
  if (!vm.ok()) return resp.diagnostics.AddError("Cannot restore settings", vm.status().message());
  auto after = api->UpdateVm(vm.value().key, p, d);
  if (!after.ok() && !after.status().is_not_found())
    return resp.diagnostics.AddError("Cannot restore the settings of VM " + vm.value().name,
                                     after.status().message());
  if (after.ok()) ReportUnapplied(vm.value(), p, after.value(), resp.diagnostics);
}

// "<vm key or name>:<setting>,<setting>…": which settings to manage.
void VergeioVmSettings::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  size_t colon = req.id.find(':');
  std::string vm = req.id.substr(0, colon);
  values::ObjectBuilder out(ImportById(schema_, vm));
  out.SetString("vm", vm).SetBool("restore_on_destroy", false);
  std::string rest = colon == std::string::npos ? "" : req.id.substr(colon + 1);
  for (size_t start = 0; start < rest.size();) {
    size_t comma = rest.find(',', start);
    std::string f =
        rest.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (f == "cpu_cores" || f == "ram") {
      out.SetInt(f, 0);  // any value marks it managed; Read fills the real one
    } else if (f == "cpu_type" || f == "description" || f == "advanced") {
      out.SetString(f, "");
    } else {
      resp.diagnostics.AddError("Invalid import id",
                                "\"" + f +
                                    "\" is not one of cpu_cores, ram, cpu_type, "
                                    "description, advanced.");
      return;
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  resp.state = out.Build();
}

}  // namespace vers::resources
