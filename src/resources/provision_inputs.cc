#include "resources/provision_inputs.h"

#include <algorithm>

#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/provision.h"
#include "resources/provision_files.h"
#include "resources/provision_sources.h"
#include "ssh/session.h"

namespace vers::resources {

namespace {

bool HasNul(const std::string& s) { return s.find('\0') != std::string::npos; }

// A name the shell takes after `export`: anything else would run as shell.
bool IsVariableName(const std::string& s) {
  auto alpha = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  return !s.empty() && alpha(s[0]) && std::all_of(s.begin(), s.end(), [&alpha](char c) {
    return alpha(c) || (c >= '0' && c <= '9');
  });
}

// The known elements of the list `name`, each refused when it holds a NUL
// (the command would be cut there on its way to the VM).
std::vector<std::string> ReadCommandList(const cty::Value& object,
                                         const schema::Attr<schema::StringList>& attr,
                                         Diagnostics& diags) {
  std::vector<std::string> out;
  const std::string& name = attr.name();
  cty::Value list = values::Raw(object, attr);
  if (!list.is_known() || list.is_null()) return out;
  int64_t i = 0;
  for (const auto& c : list.AsElements()) {
    if (c.is_known() && !c.is_null()) {
      if (HasNul(c.AsString()))
        diags.AddError("Invalid command",
                       name + "[" + std::to_string(i) + "] " + Shown(c.AsString()) +
                           " contains a NUL character, which would cut the command short on the "
                           "VM.",
                       attr.path().ElementIndex(i));
      out.push_back(c.AsString());
    }
    ++i;
  }
  return out;
}

std::map<std::string, std::string> ReadEnvironment(const cty::Value& object, Diagnostics& diags) {
  std::map<std::string, std::string> out;
  cty::Value env = values::Raw(object, kProvisionInputs.environment);
  if (!env.is_known() || env.is_null()) return out;
  for (const auto& [key, v] : env.AsAttributes()) {
    auto path = kProvisionInputs.environment.path().ElementKey(key);
    std::string shown = "environment[" + Shown(key) + "]";
    if (!IsVariableName(key))
      diags.AddError("Invalid environment variable name",
                     shown + ": " + Shown(key) +
                         " is not a variable name. Names are letters, digits and _, and do not "
                         "start with a digit (e.g. APP_ENV).",
                     path);
    if (!v.is_known() || v.is_null()) continue;
    if (HasNul(v.AsString()))
      diags.AddError("Invalid environment value",
                     shown + " contains a NUL character, which no environment variable can hold.",
                     path);
    out.emplace(key, v.AsString());
  }
  return out;
}

}  // namespace

bool WhollyKnown(const cty::Value& v) {
  if (!v.is_known()) return false;
  if (v.is_null()) return true;
  switch (v.type().kind()) {
    case cty::TypeKind::kList:
    case cty::TypeKind::kSet:
    case cty::TypeKind::kTuple:
      return std::all_of(v.AsElements().begin(), v.AsElements().end(), WhollyKnown);
    case cty::TypeKind::kMap:
    case cty::TypeKind::kObject:
      return std::all_of(v.AsAttributes().begin(), v.AsAttributes().end(),
                         [](const auto& kv) { return WhollyKnown(kv.second); });
    default:
      return true;
  }
}

namespace {

// The command inputs of kProvisionInputs.
ProvisionInputs ReadSharedCommandInputs(const cty::Value& object, Diagnostics& diags) {
  ProvisionInputs in;
  in.environment = ReadEnvironment(object, diags);
  in.working_dir = values::Get(object, kProvisionInputs.working_dir);
  if (in.working_dir && HasNul(*in.working_dir))
    diags.AddError("Invalid working_dir",
                   "working_dir " + Shown(*in.working_dir) +
                       " contains a NUL character, which no path can hold.",
                   kProvisionInputs.working_dir.path());
  in.commands = ReadCommandList(object, kProvisionInputs.commands, diags);
  return in;
}

// vers_provision's own inputs, added to `in`.
void ReadVmInputs(const cty::Value& object, ProvisionInputs& in, Diagnostics& diags) {
  in.vm_id = values::Get(object, kProvision.vm_id).value_or("");
  in.triggers = values::Get(object, kProvision.triggers).value_or(schema::StringMap{});
  in.destroy_commands = ReadCommandList(object, kProvision.destroy_commands, diags);
}

}  // namespace

ProvisionInputs ReadSharedProvisionInputs(const cty::Value& object, Diagnostics& diags) {
  ProvisionInputs in = ReadSharedCommandInputs(object, diags);
  ReadUploads(values::Raw(object, kProvisionInputs.files), in.uploads, diags);
  return in;
}

ProvisionInputs ReadCommandInputs(const cty::Value& object, Diagnostics& diags) {
  ProvisionInputs in = ReadSharedCommandInputs(object, diags);
  ReadVmInputs(object, in, diags);
  return in;
}

ProvisionInputs ReadProvisionInputs(const cty::Value& object, Diagnostics& diags) {
  ProvisionInputs in = ReadCommandInputs(object, diags);
  ReadUploads(values::Raw(object, kProvisionInputs.files), in.uploads, diags);
  return in;
}

std::string RemoteCommand(const ProvisionInputs& in, const std::string& command) {
  std::string line;
  for (const auto& [k, v] : in.environment) line += "export " + k + "=" + ssh::ShellQuote(v) + "; ";
  if (in.working_dir) line += "cd " + ssh::ShellQuote(*in.working_dir) + " && ";
  return line + "{ " + command + "\n}";
}

}  // namespace vers::resources
