#include "resources/provision_schema.h"

#include "plugin/schema/validators.h"
#include "resources/framework.h"
#include "resources/provision.h"

namespace vers::resources {

using cty::Type;
using schema::Attribute;

std::vector<Attribute> ProvisionInputAttributes() {
  return {
      Attribute::Nested(
          kProvisionInputs.files.name(), schema::Nesting::kList,
          {
              kProvisionFile.source.Declare().Optional().Description(
                  "A local regular file or directory (uploaded recursively) to upload, symlinks "
                  "followed. Anything else (a FIFO, a device, a socket, a symlink loop, a "
                  "directory symlink cycle) is refused at validation."),
              kProvisionFile.content.Declare().Optional().Description(
                  "Inline content to upload instead of `source` (e.g. from `templatefile()`)."),
              kProvisionFile.destination.Declare().Required().Description(
                  "Absolute path on the VM, without control characters; parent "
                  "directories are created. A file or symlink there is replaced "
                  "(not written through); a directory there is an error. Each "
                  "destination may be written once."),
              kProvisionFile.mode.Declare().Optional().Description(
                  "Octal permissions, e.g. `\"0755\"`. Defaults to the source file's mode, or "
                  "`0644` for `content`."),
          })
          .Optional()
          .Description("Files to upload, before the commands run."),
      kProvisionInputs.commands.Declare().Optional().Description(
          "Shell commands run in order as root; the first failure stops provisioning."),
      kProvisionInputs.environment.Declare().Optional().Description(
          "Environment variables for the commands. Names are letters, digits and "
          "`_`, not starting with a digit; values are passed quoted."),
      kProvisionInputs.working_dir.Declare().Optional().Description(
          "Directory the commands run in."),
  };
}

std::vector<Attribute> CommandTimingAttributes() {
  return {
      kProvisionInputs.command_timeout.Declare()
          .Optional()
          .Description("Longest time one command may run, e.g. `\"10m\"`. Unset: only the create "
                       "timeout applies.")
          .Validate(schema::validators::Duration()),
      kProvisionInputs.keepalive_interval.Declare()
          .Optional()
          .Description("How often an SSH keepalive is sent while a command prints nothing "
                       "(default `\"15s\"`; `\"0s\"`: never), so that a proxy with an idle "
                       "timeout keeps the connection through long silent commands.")
          .Validate(schema::validators::Duration()),
  };
}

}  // namespace vers::resources
