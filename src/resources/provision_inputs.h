// What a vers_provision resource asks for, read out of its configuration:
// the files to upload (directories expanded), the commands, and the stable
// hash of all of it (file contents included) that becomes the resource's id.
#pragma once

#include <atomic>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "resources/framework.h"

namespace vers::resources {

struct UploadItem {
  std::optional<std::string> source;   // a local regular file, or
  std::optional<std::string> content;  // inline content
  std::string destination;             // absolute path on the VM
  int mode = 0644;
  size_t config_index = 0;  // which `files` element it came from
};

struct ProvisionInputs {
  std::string vm_id;
  std::vector<UploadItem> uploads;  // directories expanded, in a stable order
  std::vector<std::string> commands;
  std::vector<std::string> destroy_commands;  // not part of the id
  std::map<std::string, std::string> environment;
  std::optional<std::string> working_dir;
  std::map<std::string, std::string> triggers;
};

// Reads the inputs from a config, plan or state object (unknown values are
// left out: pass a wholly known object to get them all). Every bad value is a
// diagnostic on its attribute, saying what is accepted:
//   files[i]: no or two sources; a source that is not a regular file or a
//     directory, or a symlink loop, or (below a directory) a special file or a
//     directory symlink cycle; a destination that is relative, holds a control
//     character, ends in "/" for a file, or is written twice or below another
//     file's; a bad mode;
//   environment["K"]: a key that is not a variable name; a NUL in a value;
//   commands[i], destroy_commands[i], working_dir: a NUL character.
// Source files are listed, never read.
ProvisionInputs ReadProvisionInputs(const cty::Value& object, Diagnostics& diags);

// Like ReadProvisionInputs without the files: what running commands needs.
ProvisionInputs ReadCommandInputs(const cty::Value& object, Diagnostics& diags);

// ReadProvisionInputs and ReadCommandInputs take a vers_provision object; this
// reads only the attributes of kProvisionInputs (provision.h), for another
// resource declaring them (vers_image_layer): vm_id, triggers and
// destroy_commands are left empty.
ProvisionInputs ReadSharedProvisionInputs(const cty::Value& object, Diagnostics& diags);

// The SHA-256 (hex) of the inputs, file contents included: equal inputs give
// equal ids on every machine and every run. A source that cannot be read to
// its end (or is no longer a regular file) is an error naming it, with its
// index in `uploads` put in `*failed` when given; kCancelled as soon as
// `stop` is raised (Ctrl-C), checked between reads.
Result<std::string> ProvisionId(const ProvisionInputs& inputs,
                                const std::atomic<bool>* stop = nullptr, size_t* failed = nullptr);

// ProvisionId with its error as a diagnostic on files[i].source (or on the
// resource when cancelled); nullopt then.
std::optional<std::string> ProvisionIdOrDiagnose(const ProvisionInputs& inputs,
                                                 const std::atomic<bool>* stop, Diagnostics& diags);

// The command line that runs `command` with the environment and working
// directory, for the remote user's shell. The inputs must have been read
// without error (names are valid, nothing holds a NUL).
std::string RemoteCommand(const ProvisionInputs& inputs, const std::string& command);

// Whether `v` contains no unknown value anywhere.
bool WhollyKnown(const cty::Value& v);

}  // namespace vers::resources
