// What a vers_provision resource asks for, read out of its configuration:
// the files to upload (directories expanded), the commands, and the stable
// hash of all of it (file contents included) that becomes the resource's id.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"

namespace vers::resources {

struct UploadItem {
  std::optional<std::string> source;   // a local file, or
  std::optional<std::string> content;  // inline content
  std::string destination;             // absolute path on the VM
  int mode = 0644;
  size_t config_index = 0;  // which `files` element it came from
};

struct ProvisionInputs {
  std::string vm_id;
  std::vector<UploadItem> uploads;  // directories expanded, in a stable order
  std::vector<std::string> commands;
  std::map<std::string, std::string> environment;
  std::optional<std::string> working_dir;
  std::map<std::string, std::string> triggers;
};

// Reads the inputs from a plan or state object (unknown values are left
// out: pass a wholly known object to get them all). Bad entries
// (no or two sources, a missing source path, a relative destination, a bad
// mode) become diagnostics on files[i].
ProvisionInputs ReadProvisionInputs(const cty::Value& object, Diagnostics& diags);

// The SHA-256 (hex) of the inputs, file contents included: equal inputs give
// equal ids on every machine and every run.
std::string ProvisionId(const ProvisionInputs& inputs);

// The command line that runs `command` with the environment and working
// directory, for the remote user's shell.
std::string RemoteCommand(const ProvisionInputs& inputs, const std::string& command);

// Whether `v` contains no unknown value anywhere.
bool WhollyKnown(const cty::Value& v);

}  // namespace vers::resources
