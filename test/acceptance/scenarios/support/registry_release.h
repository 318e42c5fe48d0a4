// What registry_install installs and expects: the built provider, stripped
// and packaged by scripts/release.sh for this machine's platform and signed
// by its throwaway key; another key, which signed nothing; and the hashes a
// lock file must record for the package. The lock file's hashes, from
// opentofu/opentofu v1.12.6 and hashicorp/terraform v1.11.4
// (internal/getproviders/hash.go, providercache/installer.go): h1: is
// golang.org/x/mod sumdb/dirhash Hash1 of the zip's files (sha256 of
// "<sha256 hex>  <name>\n" per file, sorted by name, base64); zh: is a
// SHA256SUMS line's sha256, recorded only for a signed package.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "registry.h"

namespace vers::acceptance {

class RegistryRelease {
 public:
  // Builds it under DIR (strip, scripts/release.sh, gpg); throws
  // std::runtime_error with the tool's output when a step fails.
  explicit RegistryRelease(const std::string& dir);

  // What the registry serves (RegistryFiles::dir is DIR/registry).
  RegistryFiles ForRegistry() const;

  std::string version;   // project(VERSION) of CMakeLists.txt
  std::string arch;      // amd64, arm64, …
  std::string zip_file;  // terraform-provider-vers_<V>_linux_<arch>.zip
  std::string binary;    // the stripped binary the zip holds
  std::string key_id;    // the key that signed SHA256SUMS
  std::string expected_h1;
  std::vector<std::string> expected_signed;  // h1: and each zh:, sorted
  std::string released_sha, tampered_sha;    // of the zip, and with its middle byte changed

 private:
  // A gpg home directory whose agent (gpg starts one) is stopped with it,
  // also when the constructor fails after making it.
  struct GpgHome {
    explicit GpgHome(std::string home) : path(std::move(home)) {}
    GpgHome(const GpgHome&) = delete;
    GpgHome& operator=(const GpgHome&) = delete;
    ~GpgHome();
    std::string path;
  };
  std::string dir_, release_dir_, other_key_id_;
  GpgHome gnupg_;
};

// The hashes DIR/.terraform.lock.hcl records for the provider ADDRESS, sorted.
std::vector<std::string> LockHashes(const std::string& dir, const std::string& address);
// The host of the hdr/vers provider DIR's lock file names ("" when none).
std::string LockedHost(const std::string& dir);
// The installed terraform-provider-vers_v<VERSION> under DIR/.terraform/providers ("" when none).
std::string InstalledBinary(const std::string& dir, const std::string& version);

}  // namespace vers::acceptance
