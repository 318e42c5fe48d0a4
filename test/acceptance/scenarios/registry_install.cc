// Installing the provider as users do: `init` fetches the release that
// scripts/release.sh wrote from a provider registry (harness/registry.h: a
// helper process on loopback HTTPS under its own CA), checks it, locks it,
// and the provider then applies and destroys a VM against vers-local. A
// changed zip, a forged checksum list and a signature by another key are
// refused; a filesystem_mirror installs without a registry.
//
// Facts relied on, from the CLIs' docs (website/docs/internals/
// provider-registry-protocol.mdx in opentofu/opentofu and hashicorp/terraform;
// the filesystem_mirror's packed layout HOSTNAME/NAMESPACE/TYPE/<zip> from
// opentofu/opentofu website/docs/cli/config/config-file.mdx) and sources
// (opentofu/opentofu v1.12.6 and hashicorp/terraform v1.11.4, both
// internal/getproviders unless named):
// - A source address's hostname may carry a port ("localhost:PORT/hdr/vers":
//   hashicorp/terraform-svchost svchost.go ForComparison keeps the port), and
//   the host is asked /.well-known/terraform.json for providers.v1
//   (website/docs/internals/remote-service-discovery.mdx).
// - A CLI config `host "H" { services = {...} }` replaces discovery for H
//   (cmd/tofu/commands.go and commands.go: services.ForceHostServices), so the
//   address users write, "hdr/vers", can be served by any registry.
// - Go reads extra roots from SSL_CERT_FILE (go/src/crypto/x509/root_unix.go).
// - package_authentication.go: the download must have the `shasum`
//   ("archive has incorrect checksum"); SHA256SUMS must list it for
//   `filename`; SHA256SUMS must verify against a key of signing_keys
//   ("error checking signature"), by a key it names ("authentication
//   signature from unknown issuer"). OpenTofu enforces the signature for any
//   host but its default registry (ShouldEnforceGPGValidationForProvider).
// - The lock file's hashes: support/registry_release.h.
#include <catch2/catch.hpp>

#include "checks.h"
#include "cli_config.h"
#include "registry.h"
#include "support/registry_checks.h"
#include "temp_dir.h"

namespace vers::acceptance {
namespace {

// main.tf requiring SOURCE at the released version, then BODY.
std::string MainTf(const std::string& source, const std::string& body) {
  return R"(terraform {
  required_providers {
    vers = {
      source  = ")" +
         source + R"("
      version = "{{VERSION}}"
    }
  }
}
provider "vers" {
  ca_cert_file = "{{CA}}"
}
)" + body;
}

constexpr char kOneVmTf[] = R"(resource "vers_vm" "one" {
  vcpu_count   = 1
  mem_size_mib = 512
}
)";
constexpr char kEndpoint[] = "data \"vers_endpoint\" \"current\" {}\n";

std::vector<Step> Steps(const RegistryChecks& f, const RegistryRelease& release,
                        const ProviderRegistry& registry) {
  const std::string url = registry.ProvidersUrl();
  return {
      // --- 1. From the registry at localhost:PORT, found by service discovery.
      {.name = "init from the registry at localhost:PORT",
       .subdir = "direct",
       .files = {{"main.tf", MainTf("{{REGISTRY}}/hdr/vers", kOneVmTf)}},
       .pre_config = UseCliConfig({}),
       .command = Command::kNone,
       .checks = {f.Init("init installs {{REGISTRY}}/hdr/vers from the registry"),
                  f.Asked("it asked the host's service discovery",
                          "GET /.well-known/terraform.json"),
                  f.Asked("it listed the versions", "GET /v1/providers/hdr/vers/versions"),
                  f.Asked("it asked for its platform's package",
                          "GET /v1/providers/hdr/vers/{{VERSION}}/download/linux/{{ARCH}}"),
                  f.FilesDownloaded(3), Printed("key ID {{KEY_ID}}"),
                  f.Locked("the lock file holds h1: of the package and zh: of each SHA256SUMS line",
                           "{{REGISTRY}}/hdr/vers", release.expected_signed),
                  f.InstalledIsReleased()}},
      {.name = "the installed provider applies a VM against vers-local",
       .subdir = "direct",
       .expect_output = {"Apply complete! Resources: 1 added"},
       .checks = {VersCounters("1 0 0")}},
      {.name = "and destroys it",
       .subdir = "direct",
       .command = Command::kDestroy,
       .expect_output = {"Destroy complete! Resources: 1 destroyed"},
       .checks = {VersCounters("0 0 0")}},
      // --- 2. The address users write, hdr/vers, with the CLI config's host
      // block sending its default registry host to this registry.
      {.name = "init installs hdr/vers through a host block",
       .subdir = "hosted",
       .files = {{"main.tf", MainTf("hdr/vers", kEndpoint)}},
       .pre_config = UseCliConfig(
           {.provider_hosts = {{"registry.terraform.io", url}, {"registry.opentofu.org", url}}}),
       .command = Command::kNone,
       .checks = {f.Init("init succeeds"), DefaultHostLocked(),
                  f.Locked("with the same h1: and zh: hashes", "{{HOST}}/hdr/vers",
                           release.expected_signed)}},
      {.name = "the installed provider plans",
       .subdir = "hosted",
       .command = Command::kPlan,
       .expect_output = {"No changes."}},
      // --- 3. A zip changed on the download host: its sha256 is not the registry's shasum.
      {.name = "init refuses a changed zip",
       .subdir = "tampered",
       .files = {{"main.tf", MainTf("{{REGISTRY}}/tampered/vers", "")}},
       .pre_config = UseCliConfig({}),
       .command = Command::kNone,
       .checks = {f.Init("init fails", false),
                  Printed("archive has incorrect checksum zh:" + release.tampered_sha +
                          " (expected zh:" + release.released_sha + ")"),
                  f.NothingInstalled(), NothingLocked()}},
      // --- 4. A changed zip with SHA256SUMS and shasum rewritten for it: the signature fails.
      {.name = "init refuses a checksum list the signature does not cover",
       .subdir = "forged",
       .files = {{"main.tf", MainTf("{{REGISTRY}}/forged/vers", "")}},
       .command = Command::kNone,
       .checks = {f.Init("init fails", false), Printed("error checking signature"),
                  f.NothingInstalled()}},
      // --- 5. The release as written, but the registry's signing_keys name another key.
      {.name = "init refuses a signature by a key the registry does not name",
       .subdir = "wrongkey",
       .files = {{"main.tf", MainTf("{{REGISTRY}}/wrongkey/vers", "")}},
       .command = Command::kNone,
       .checks = {f.Init("init fails", false),
                  Printed("authentication signature from unknown issuer"), f.NothingInstalled()}},
      // --- 6. A filesystem_mirror (packed layout: HOST/NAMESPACE/TYPE/<zip>), no registry asked.
      {.name = "init installs hdr/vers from the filesystem mirror",
       .subdir = "mirror",
       .files = {{"main.tf", MainTf("hdr/vers", std::string(kEndpoint) +
                                                    "output \"vm_domain\" { value = "
                                                    "data.vers_endpoint.current.vm_domain }\n")}},
       .pre_config =
           Sequence({f.FillMirror("provider-mirror"),
                     UseCliConfig({.filesystem_mirrors = {{"provider-mirror", {"hdr/vers"}}}}),
                     f.CountRequests()}),
       .command = Command::kNone,
       .checks = {f.Init("init succeeds"), f.NoRequestsSinceCounted(),
                  f.Locked("the lock file holds the package's h1: only (nothing was signed)",
                           "{{HOST}}/hdr/vers", {release.expected_h1})}},
      {.name = "the mirrored provider applies",
       .subdir = "mirror",
       .expect_output = {"Apply complete!"}},
  };
}

}  // namespace

TEST_CASE("registry_install") {
  TempDir fixtures("registry-release");
  RegistryRelease release(fixtures.path());
  ProviderRegistry registry(release.ForRegistry());
  RegistryChecks fixture{release, registry};
  Run("registry_install",
      {.vers_local = true,
       .setup =
           [&](Context& ctx) {
             // Nothing from a plugin cache: each init installs from its source.
             ctx.workspace.SetEnvironment({{"TF_PLUGIN_CACHE_DIR", std::nullopt}});
             ctx.vars["REGISTRY"] = registry.host();
             ctx.vars["VERSION"] = release.version;
             ctx.vars["ARCH"] = release.arch;
             ctx.vars["KEY_ID"] = release.key_id;
           },
       .steps = Steps(fixture, release, registry),
       .destroy = false});
}

}  // namespace vers::acceptance
