// The vers provider's settings: what the `provider "vers"` block and the
// VERS_* environment variables say, resolved and checked.
#pragma once

#include <optional>
#include <string>

#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"

namespace vers::provider {

inline constexpr const char* kDefaultBaseUrl = "https://api.vers.sh/api/v1";

struct Settings {
  std::optional<std::string> api_key;  // secret: never log
  std::string base_url = kDefaultBaseUrl;
  std::string vm_domain;  // SNI suffix for SSH-over-TLS: <vm_id>.<vm_domain>
  std::string ca_cert_file;
  bool insecure = false;
  bool store_ssh_private_key = true;  // record VMs' keys in resource state
};

// Checks a base URL: an absolute https URL, or http for a loopback host only.
// Adds an error on `path` (or naming `source` when the value came from the
// environment) and returns false when it is not acceptable.
bool CheckBaseUrl(const std::string& url, const std::optional<AttributePath>& path,
                  const std::string& source, Diagnostics& diags);

// The VM domain implied by a base URL: api.vers.sh -> vm.vers.sh; a loopback
// host -> vm.localhost; any other host h -> vm.h (or h's parent for api.*).
std::string DeriveVmDomain(const std::string& base_url);

// Resolves settings from the provider block (`config`, an object of the
// provider schema) and the environment. Config wins over environment.
Settings ResolveSettings(const cty::Value& config, Diagnostics& diags);

}  // namespace vers::provider
