// Who the provider is, as the framework must say it to people and to the
// CLI: in diagnostics, in the "not a plugin" hint, in the debug-mode
// TF_REATTACH_PROVIDERS value and in the TLS certificate. The framework knows
// no provider; main() gives this through serve::ServeOptions.
#pragma once

#include <string>

namespace tfplugin {

// Defaults are placeholders: a provider sets all three.
struct ProviderIdentity {
  // The provider's local name as configurations write it ("vers"):
  // "The vers provider does not offer ...".
  std::string name = "unnamed";
  // The source address without its host ("hdr/vers"): the dev_overrides hint
  // names it, and the reattach value lists it on registry.opentofu.org and
  // registry.terraform.io (each CLI looks it up on its own default host).
  std::string source = "example/unnamed";
  // The program's name ("terraform-provider-vers"): bug reports ask for it,
  // and it is the organization of the plugin's TLS certificate.
  std::string program = "terraform-provider-unnamed";
};

}  // namespace tfplugin
