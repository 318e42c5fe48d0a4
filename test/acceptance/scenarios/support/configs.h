// Configuration text the scenarios share.
#pragma once

namespace vers::acceptance {

// provider.tf for vers-local: requires hdr/vers and trusts vers-local's CA
// (lib.sh's write_vers_provider_tf).
inline constexpr char kVersProviderTf[] = R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "{{CA}}"
}
)";

}  // namespace vers::acceptance
