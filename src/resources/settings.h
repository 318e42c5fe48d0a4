// The vers provider's settings: what the `provider "vers"` block and the
// VERS_* environment variables say, resolved and checked.
#pragma once

#include <optional>
#include <string>

#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "plugin/schema/attr.h"
#include "resources/framework.h"

namespace vers::provider {

// The provider block's attributes.
struct ProviderAttrs : schema::AttrSet {
  schema::Attr<std::string> api_key{this, "api_key"};
  schema::Attr<std::string> base_url{this, "base_url"};
  schema::Attr<std::string> vm_domain{this, "vm_domain"};
  schema::Attr<int64_t> ssh_tls_port{this, "ssh_tls_port"};
  schema::Attr<std::string> ca_cert_file{this, "ca_cert_file"};
  schema::Attr<bool> insecure{this, "insecure"};
  schema::Attr<bool> store_ssh_private_key{this, "store_ssh_private_key"};
  schema::Attr<cty::Value> vergeio{this, "vergeio"};  // the block (vergeio_config.h)
};
extern const ProviderAttrs kProvider;

inline constexpr const char* kDefaultBaseUrl = "https://api.vers.sh/api/v1";
inline constexpr const char* kDefaultVmDomain = "vm.vers.sh";
// Vers's SSH-over-TLS front listens on 443 (hdresearch/vers-cli
// internal/ssh/client.go, vers-sdk-ts src/lib/ssh/client.ts).
inline constexpr int kDefaultSshTlsPort = 443;

struct Settings {
  std::optional<std::string> api_key;  // secret: never log
  std::string base_url = kDefaultBaseUrl;
  std::string vm_domain;  // SNI suffix for SSH-over-TLS: <vm_id>.<vm_domain>
  // The TLS front's port. Not the ssh_port of GET /vm/{id}/ssh_key, which is
  // the port DNAT'd to the VM inside Vers and not reachable from outside.
  int ssh_tls_port = kDefaultSshTlsPort;
  std::string ca_cert_file;
  bool insecure = false;
  bool store_ssh_private_key = true;  // record VMs' keys in resource state
};

// Checks a base URL: an absolute https URL, or http for a loopback host only.
// Adds an error on `path` (or naming `source` when the value came from the
// environment) and returns false when it is not acceptable.
bool CheckBaseUrl(const std::string& url, const std::optional<AttributePath>& path,
                  const std::string& source, Diagnostics& diags);

// The VM domain a base URL's host implies, as the Vers CLI derives it
// (hdresearch/vers-cli internal/auth/auth.go GetVMDomain): api.<d> -> vm.<d>;
// a loopback host -> vm.localhost (vers-local). Nullopt for any other host (or
// a malformed URL): nothing in it names the VMs' domain.
std::optional<std::string> VmDomainFromBaseUrl(const std::string& base_url);

// VmDomainFromBaseUrl, else Vers's own domain (kDefaultVmDomain), the Vers
// CLI's fallback too.
std::string DeriveVmDomain(const std::string& base_url);

// Where a client opens TLS to reach a VM's sshd: host (also the SNI name and
// the certificate's name) and port.
struct SshDialTarget {
  std::string host;
  int port = kDefaultSshTlsPort;
};

// The dial target of VM `vm_id`: <vm_id>.<vm_domain> on ssh_tls_port, unless
// a resource overrides the host or the port.
SshDialTarget ResolveSshDialTarget(const Settings& settings, const std::string& vm_id,
                                   const std::optional<std::string>& host_override = std::nullopt,
                                   const std::optional<int64_t>& port_override = std::nullopt);

// Resolves settings from the provider block (`config`, an object of the
// provider schema) and the environment. Config wins over environment. A bad
// value is an error naming where it came from; a vm_domain that had to be
// assumed (base_url's host does not name it) is a warning saying how to set it.
Settings ResolveSettings(const cty::Value& config, Diagnostics& diags);

}  // namespace vers::provider
