// registry_install's checks: `init` against the case's registry, what the
// registry was asked, the lock file's hashes, what got installed.
#pragma once

#include <string>
#include <vector>

#include "actions.h"
#include "registry.h"
#include "support/registry_release.h"

namespace vers::acceptance {

struct RegistryChecks {
  const RegistryRelease& release;
  const ProviderRegistry& registry;

  // `init` trusting the registry's CA (SSL_CERT_FILE, for init alone) exits
  // 0, or fails when !succeeds. Its run becomes ctx.last (saved as init.out).
  Check Init(std::string what, bool succeeds = true) const;
  // The registry served REQUEST ("METHOD PATH", expanded).
  Check Asked(std::string what, std::string request) const;
  // It served EXPECTED files of the hdr namespace.
  Check FilesDownloaded(int expected) const;
  // The lock file records exactly EXPECTED for ADDRESS (expanded; {{HOST}}
  // is the host the lock file names).
  Check Locked(std::string what, std::string address, std::vector<std::string> expected) const;
  // The installed binary is the released one, byte for byte.
  Check InstalledIsReleased() const;
  Check NothingInstalled() const;
  // The release's zip in a filesystem mirror's packed layout
  // (HOST/hdr/vers/<zip>) for each CLI's default host, at the case's DIR.
  Action FillMirror(std::string dir) const;
  // Counts the requests served so far; NoRequestsSinceCounted: none since.
  Action CountRequests() const;
  Check NoRequestsSinceCounted() const;
};

// No lock file was written.
Check NothingLocked();
// The lock file names registry.terraform.io or registry.opentofu.org.
Check DefaultHostLocked();

}  // namespace vers::acceptance
