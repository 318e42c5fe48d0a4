// How the CLI finds providers, as data: the provider_installation and host
// blocks of a case's CLI configuration (the file TF_CLI_CONFIG_FILE names).
// The harness's default is DevBuild(): dev_overrides pointing hdr/vers at the
// built provider. A case chooses another with UseCliConfig (e.g. as its
// setup): another provider binary (DevOverride), a filesystem mirror, a
// registry on another host (provider_hosts; harness/registry.h serves one),
// or none of these (CliConfig{}: the CLI's implied default, its registries).
//
// The blocks, from the CLIs' docs (website/docs/cli/config/config-file.mdx
// in opentofu/opentofu and hashicorp/terraform): dev_overrides maps a source
// address to the directory holding its binary; filesystem_mirror { path,
// include } with the packed or unpacked layout; direct {}; a `host "H" {
// services = {...} }` block replaces service discovery for H.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "actions.h"

namespace vers::acceptance {

struct FilesystemMirror {
  std::string path;                  // relative paths are the case's directory's
  std::vector<std::string> include;  // source addresses, e.g. "hdr/vers"; empty: all
};

struct CliConfig {
  // Source address -> directory holding its terraform-provider-NAME binary.
  std::map<std::string, std::string> dev_overrides;
  std::vector<FilesystemMirror> filesystem_mirrors;
  // A `direct {}` block (after the others): the rest from their registries.
  bool direct = false;
  // Host name -> its "providers.v1" URL (a `host` block: no discovery asked).
  std::map<std::string, std::string> provider_hosts;

  // The configuration's text; relative mirror paths are made absolute
  // under `case_dir`. No provider_installation block when it would be empty.
  std::string Text(const std::string& case_dir) const;
};

// dev_overrides for ADDRESS to the directory of the binary BINARY, then direct.
CliConfig DevOverride(const std::string& address, const std::string& binary);
// The harness's default: hdr/vers from the built provider ($VERS_PROVIDER).
CliConfig DevBuild();

// From now on every workspace of the case (its subdirs and imports too) runs
// the CLI with CONFIG: it rewrites the case's cli.tfrc, text expanded.
Action UseCliConfig(CliConfig config);

}  // namespace vers::acceptance
