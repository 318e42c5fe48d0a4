// A provider registry for a case: a helper process (registry_server.py, a
// fixture, not an emulator) serving a release directory, as scripts/release.sh
// writes one, on loopback HTTPS under a CA of its own, by the Provider
// Registry Protocol (service discovery, versions, download, the files). Each
// namespace serves the release differently: hdr as released, tampered (the
// zip changed on the download host), forged (the zip and SHA256SUMS changed,
// the signature kept), wrongkey (signing_keys naming another key). The CLI
// reaches it by the address "localhost:PORT/NS/vers", or by any address
// through a CliConfig's provider_hosts (cli_config.h) and SSL_CERT_FILE.
// Stopped with its owner.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "process.h"

namespace vers::acceptance {

struct RegistryFiles {
  std::string dir;            // where its CA, certificate and log go
  std::string release_dir;    // scripts/release.sh's OUTDIR
  std::string key_id;         // the key that signed SHA256SUMS
  std::string other_key_id;   // another key, which wrongkey names
  std::string other_key_asc;  // its ASCII-armored public half
};

class ProviderRegistry {
 public:
  // Makes its CA and a certificate for localhost and 127.0.0.1 (openssl),
  // starts the server and waits (15 s) for its ready line; throws
  // std::runtime_error with its log when it does not start.
  explicit ProviderRegistry(const RegistryFiles& files);

  // "localhost:PORT": the host part of a source address it serves.
  const std::string& host() const { return host_; }
  // The CA its certificate verifies against (for SSL_CERT_FILE).
  const std::string& ca_cert_file() const { return ca_; }
  // Its "providers.v1" URL, for a CliConfig's provider_hosts.
  std::string ProvidersUrl() const { return "https://" + host_ + "/v1/providers/"; }
  // Each request it served so far, "METHOD PATH", in order.
  std::vector<std::string> Requests() const;

 private:
  std::string host_, ca_, log_;
  std::optional<ChildProcess> process_;
};

}  // namespace vers::acceptance
