#!/usr/bin/env bash
# Installing the provider as users do: `init` fetches the release that
# scripts/release.sh wrote from a provider registry (test/e2e/registry_server.py
# on loopback HTTPS under its own CA), checks it, locks it, and the provider
# then applies and destroys a VM against vers-local. A changed zip, a forged
# checksum list and a signature by another key are refused; a filesystem_mirror
# installs without a registry.
#
# Facts relied on, from the CLIs' docs (website/docs/internals/
# provider-registry-protocol.mdx in opentofu/opentofu and hashicorp/terraform;
# the filesystem_mirror's packed layout HOSTNAME/NAMESPACE/TYPE/<zip> from
# opentofu/opentofu website/docs/cli/config/config-file.mdx) and sources
# (opentofu/opentofu v1.12.6 and hashicorp/terraform v1.11.4, both
# internal/getproviders unless named):
# - A source address's hostname may carry a port ("localhost:PORT/hdr/vers":
#   hashicorp/terraform-svchost svchost.go ForComparison keeps the port), and
#   the host is asked /.well-known/terraform.json for providers.v1
#   (website/docs/internals/remote-service-discovery.mdx).
# - A CLI config `host "H" { services = {...} }` replaces discovery for H
#   (cmd/tofu/commands.go and commands.go: services.ForceHostServices), so the
#   address users write, "hdr/vers", can be served by any registry.
# - Go reads extra roots from SSL_CERT_FILE (go/src/crypto/x509/root_unix.go).
# - package_authentication.go: the download must have the `shasum`
#   ("archive has incorrect checksum"); SHA256SUMS must list it for
#   `filename`; SHA256SUMS must verify against a key of signing_keys
#   ("error checking signature"), by a key it names ("authentication
#   signature from unknown issuer"). OpenTofu enforces the signature for any host
#   but its default registry (ShouldEnforceGPGValidationForProvider).
# - providercache/installer.go: the lock file gets the package's h1: hash and,
#   only when signed, a zh: hash per SHA256SUMS line (AcceptableHashes);
#   h1: is golang.org/x/mod sumdb/dirhash Hash1 of the zip's files (hash.go).
source "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
work_dir registry
: "${VERS_SOURCE_DIR:?set VERS_SOURCE_DIR to the source tree (for scripts/release.sh)}"
unset TF_PLUGIN_CACHE_DIR

case $(uname -m) in x86_64) arch=amd64 ;; aarch64) arch=arm64 ;; *) arch=$(uname -m) ;; esac
platform=linux_$arch

# --- The release: the built provider, stripped, packaged by release.sh.
mkdir -p "prebuilt/$platform"
strip -o "prebuilt/$platform/terraform-provider-vers" "$VERS_PROVIDER"
bash "$VERS_SOURCE_DIR/scripts/release.sh" --prebuilt prebuilt --platforms "$platform" release >release.log 2>&1 ||
  { cat release.log >&2; echo "release.sh failed" >&2; exit 1; }
version=$(sed -n 's/^project(terraform-provider-vers VERSION \([^ )]*\).*/\1/p' "$VERS_SOURCE_DIR/CMakeLists.txt")
zip_file=release/terraform-provider-vers_${version}_$platform.zip
mkdir -m 700 gnupg-show
key_id=$(gpg --homedir gnupg-show --batch --quiet --with-colons --show-keys "release/terraform-provider-vers_${version}_signing_key.asc" |
  awk -F: '$1=="pub"{print $5; exit}')
# Another key, which signed nothing here.
gpg --homedir gnupg-show --batch --quiet --passphrase '' --quick-gen-key "someone else <else@invalid>" ed25519 sign never 2>/dev/null
other_key_id=$(gpg --homedir gnupg-show --batch --quiet --trust-model always --with-colons --list-keys else@invalid |
  awk -F: '$1=="pub"{print $5; exit}')
gpg --homedir gnupg-show --batch --quiet --armor --export else@invalid >other_key.asc

# --- The registry's CA and certificate (localhost and 127.0.0.1).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -keyout ca.key -out ca.pem \
  -subj "/CN=vers e2e registry CA" -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout server.key -out server.csr \
  -subj "/CN=localhost" 2>/dev/null
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile server.ext \
  -out server.pem 2>/dev/null

python3 "$here/registry_server.py" release "$key_id" server.pem server.key registry.port registry.log \
  "$other_key_id" other_key.asc 2>registry.err &
REGISTRY_PID=$!
stop_registry() { [ -z "${REGISTRY_PID:-}" ] || kill "$REGISTRY_PID" 2>/dev/null || true; }
stop_gpg_agents() { [ ! -d "$WORK/gnupg-show" ] || gpgconf --homedir "$WORK/gnupg-show" --kill all 2>/dev/null || true; }
trap 'stop_registry; stop_gpg_agents; rm -rf "$WORK"' EXIT
for _ in $(seq 1 200); do
  [ -s registry.port ] && break
  kill -0 "$REGISTRY_PID" 2>/dev/null || break
  sleep 0.05
done
[ -s registry.port ] || { echo "the registry did not start:" >&2; cat registry.err >&2; exit 1; }
registry=localhost:$(cat registry.port)

start_vers_local
trap 'stop_registry; stop_gpg_agents; stop_vers_local; rm -rf "$WORK"' EXIT

# lock_hashes DIR ADDRESS: the hashes the lock file in DIR records for ADDRESS, sorted, one a line.
lock_hashes() {
  python3 - "$1/.terraform.lock.hcl" "$2" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
block = re.search(r'provider "%s" \{(.*?)\n\}' % re.escape(sys.argv[2]), text, re.S)
hashes = re.search(r'hashes = \[(.*?)\]', block.group(1), re.S).group(1) if block else ""
print("\n".join(sorted(re.findall(r'"([^"]+)"', hashes))))
PY
}
# The expected hashes, computed here from the release's files: h1: as dirhash
# Hash1 (sha256 of "<sha256 hex>  <name>\n" per file, sorted by name), and
# zh: for each line of SHA256SUMS.
expected_h1=$(python3 - "$zip_file" <<'PY'
import base64, hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
summary = "".join("%s  %s\n" % (hashlib.sha256(z.read(n)).hexdigest(), n) for n in sorted(z.namelist()))
print("h1:" + base64.b64encode(hashlib.sha256(summary.encode()).digest()).decode())
PY
)
expected_signed=$({ echo "$expected_h1"; sed 's/^\([0-9a-f]*\) .*/zh:\1/' "release/terraform-provider-vers_${version}_SHA256SUMS"; } | sort)

# use_cli_config TEXT: the CLI configuration for the next commands (no dev_overrides).
use_cli_config() {
  printf '%s\n' "$1" >"$WORK/registry.tfrc"
  export TF_CLI_CONFIG_FILE="$WORK/registry.tfrc"
}
# config DIR SOURCE BODY: DIR/main.tf requiring SOURCE at the released version.
config() {
  mkdir -p "$WORK/$1"
  cat >"$WORK/$1/main.tf" <<TF
terraform {
  required_providers {
    vers = {
      source  = "$2"
      version = "$version"
    }
  }
}
provider "vers" {
  ca_cert_file = "$CA"
}
$3
TF
}
init_in() { (cd "$WORK/$1" && SSL_CERT_FILE="$WORK/ca.pem" tofu init -no-color -input=false >init.out 2>&1); }
refused() { ! "$@"; }
installed_binary() { find "$WORK/$1/.terraform/providers" -name "terraform-provider-vers_v$version" -type f 2>/dev/null; }

# --- 1. From the registry at localhost:PORT, found by service discovery.
use_cli_config ''
config direct "$registry/hdr/vers" 'resource "vers_vm" "one" {
  vcpu_count   = 1
  mem_size_mib = 512
}'
check "init installs $registry/hdr/vers from the registry" init_in direct
check "it asked the host's service discovery" contains registry.log "GET /.well-known/terraform.json"
check "it listed the versions" contains registry.log "GET /v1/providers/hdr/vers/versions"
check "it asked for its platform's package" \
  contains registry.log "GET /v1/providers/hdr/vers/$version/download/linux/$arch"
check "it downloaded the zip, the checksums and the signature" \
  bash -c "grep -c '^GET /files/hdr/' '$WORK/registry.log' | grep -qx 3"
check "init reports the signing key" contains direct/init.out "key ID $key_id"
check "the lock file holds h1: of the package and zh: of each SHA256SUMS line" \
  test "$(lock_hashes direct "$registry/hdr/vers")" = "$expected_signed"
check "the installed provider is the released binary" \
  cmp "$(installed_binary direct)" "prebuilt/$platform/terraform-provider-vers"
(cd direct && tofu apply -auto-approve -no-color -input=false >apply.out 2>&1) || true
check "the installed provider applies a VM against vers-local" contains direct/apply.out "Apply complete! Resources: 1 added"
check "vers-local holds the VM" test "$(counters)" = "1 0 0"
(cd direct && tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1) || true
check "and destroys it" contains direct/destroy.out "Destroy complete! Resources: 1 destroyed"
check "vers-local holds no VMs" test "$(counters)" = "0 0 0"

# --- 2. The address users write, hdr/vers, with the CLI config's host block
# sending its default registry host to this registry.
use_cli_config "$(for host in registry.terraform.io registry.opentofu.org; do
  printf 'host "%s" {\n  services = { "providers.v1" = "https://%s/v1/providers/" }\n}\n' "$host" "$registry"
done)"
config hosted hdr/vers 'data "vers_endpoint" "current" {}'
check "init installs hdr/vers through a host block" init_in hosted
default_host=$(sed -n 's/^provider "\([^"]*\)\/hdr\/vers".*/\1/p' hosted/.terraform.lock.hcl)
check "the lock file names the CLI's default registry host ($default_host)" \
  bash -c "[[ '$default_host' =~ ^registry\.(terraform\.io|opentofu\.org)$ ]]"
check "with the same h1: and zh: hashes" test "$(lock_hashes hosted "$default_host/hdr/vers")" = "$expected_signed"
(cd hosted && tofu plan -no-color -input=false >plan.out 2>&1) || true
check "the installed provider plans" contains hosted/plan.out "No changes."

# --- 3. A zip changed on the download host: its sha256 is not the registry's shasum.
use_cli_config ''
tampered_sha=$(python3 -c '
import hashlib, sys
b = open(sys.argv[1], "rb").read(); m = len(b) // 2
print(hashlib.sha256(b[:m] + bytes([b[m] ^ 0xFF]) + b[m + 1:]).hexdigest())' "$zip_file")
released_sha=$(sha256sum "$zip_file" | cut -d' ' -f1)
config tampered "$registry/tampered/vers" ''
check "init refuses a changed zip" refused init_in tampered
check "naming both checksums" contains tampered/init.out \
  "archive has incorrect checksum zh:$tampered_sha (expected zh:$released_sha)"
check "and installs nothing" test -z "$(installed_binary tampered)"
check "and locks nothing" test ! -e tampered/.terraform.lock.hcl

# --- 4. A changed zip with SHA256SUMS and shasum rewritten for it: the signature fails.
config forged "$registry/forged/vers" ''
check "init refuses a checksum list the signature does not cover" refused init_in forged
check "saying the signature does not verify" contains forged/init.out "error checking signature"
check "and installs nothing" test -z "$(installed_binary forged)"

# --- 5. The release as written, but the registry's signing_keys name another key.
config wrongkey "$registry/wrongkey/vers" ''
check "init refuses a signature by a key the registry does not name" refused init_in wrongkey
check "saying the signer is unknown" contains wrongkey/init.out "authentication signature from unknown issuer"
check "and installs nothing" test -z "$(installed_binary wrongkey)"

# --- 6. A filesystem_mirror (packed layout: HOST/NAMESPACE/TYPE/<zip>), no registry asked.
for host in registry.terraform.io registry.opentofu.org; do
  mkdir -p "mirror/$host/hdr/vers"
  cp "$zip_file" "mirror/$host/hdr/vers/"
done
use_cli_config "provider_installation {
  filesystem_mirror {
    path    = \"$WORK/mirror\"
    include = [\"hdr/vers\"]
  }
}"
requests_before=$(wc -l <registry.log)
config mirror hdr/vers 'data "vers_endpoint" "current" {}
output "vm_domain" { value = data.vers_endpoint.current.vm_domain }'
check "init installs hdr/vers from the filesystem mirror" init_in mirror
check "without asking the registry" test "$(wc -l <registry.log)" = "$requests_before"
mirror_host=$(sed -n 's/^provider "\([^"]*\)\/hdr\/vers".*/\1/p' mirror/.terraform.lock.hcl)
check "the lock file holds the package's h1: only (nothing was signed)" \
  test "$(lock_hashes mirror "$mirror_host/hdr/vers")" = "$expected_h1"
(cd mirror && tofu apply -auto-approve -no-color -input=false >apply.out 2>&1) || true
check "the mirrored provider applies" contains mirror/apply.out "Apply complete!"

finish
