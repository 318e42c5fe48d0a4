// The emulated backends a test case runs against, each started once per test
// case in its workspace and stopped (with its VMs) when the case ends:
// vers-local (Vers) and vergeio-local (VergeIO). Both print one JSON "ready"
// line on stdout once they serve; its fields give the URLs, keys and CA.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "https_client.h"
#include "process.h"

namespace vers::acceptance {

using Environment = std::map<std::string, std::optional<std::string>>;

// vers-local ($VERS_LOCAL), data under `dir`.
class VersLocal {
 public:
  // Starts it and waits for its ready line: 15 s, or 20 min while it builds
  // its VM base image (first use on a machine). Throws std::runtime_error
  // with its log when it does not start.
  explicit VersLocal(const std::string& dir);

  // What points the provider at it: VERS_API_KEY, VERS_BASE_URL,
  // VERS_VM_DOMAIN, VERS_SSH_TLS_PORT (its TLS front, Vers's 443).
  Environment ProviderEnvironment() const;
  const std::string& ca_cert_file() const { return ca_; }
  const std::string& api_key() const { return api_key_; }
  const std::string& base_url() const { return base_url_; }
  const std::string& vm_domain() const { return vm_domain_; }
  const std::string& ssh_tls_port() const { return ssh_tls_port_; }
  // Where it keeps its data (VMs under vms/<id>).
  const std::string& data_dir() const { return data_dir_; }

  // The Vers API (path under /api/v1) and the admin API (under /_admin).
  Result<std::string> Api(const std::string& method, const std::string& path,
                          const std::string& body = "") const;
  // The Vers API without the API key (public routes).
  Result<std::string> PublicApi(const std::string& method, const std::string& path) const;
  Result<std::string> Admin(const std::string& method, const std::string& path,
                            const std::string& body = "") const;
  // "vms commits tags" counts, e.g. "0 0 0" (admin /counters).
  std::string Counters() const;
  // The number of VMs it holds (Counters' first); -1 when unreadable.
  int VmCount() const;

 private:
  std::string api_key_, base_url_, vm_domain_, ssh_tls_port_, ca_, data_dir_;
  HttpsUrl url_;
  std::optional<HttpsClient> client_;
  std::optional<ChildProcess> process_;  // last: stopped before the fields go
};

// vergeio-local ($VERGEIO_LOCAL), data under `dir`.
class VergeioLocal {
 public:
  // Starts it and waits (15 s) for its ready line; throws with its log if not.
  explicit VergeioLocal(const std::string& dir);

  // VERGEIO_ENDPOINT, VERGEIO_USERNAME, VERGEIO_PASSWORD.
  Environment ProviderEnvironment() const;
  int port() const { return port_; }
  const std::string& ca_cert_file() const { return ca_; }
  const std::string& password() const { return password_; }

  // Its API (e.g. "/api/v4/vms") and admin API (e.g. "/_admin/faults").
  Result<std::string> Call(const std::string& method, const std::string& path,
                           const std::string& body = "") const;

 private:
  std::string endpoint_, username_, password_, ca_;
  int port_ = 0;
  std::optional<HttpsClient> client_;
  std::optional<ChildProcess> process_;
};

// Waits for `ready_file` to hold the ready line `process` prints; its content.
// 15 s, or 20 min while `long_build` and the log says the VM base image is
// being built. Throws std::runtime_error with the log when it does not come.
std::string AwaitReadyLine(ChildProcess& process, const std::string& ready_file,
                           const std::string& log_file, const std::string& what, bool long_build);

// $NAME, or a std::runtime_error saying to set it.
std::string RequiredEnv(const char* name);

}  // namespace vers::acceptance
