#!/usr/bin/env bash
# Writes a release into OUTDIR: exactly the files a provider registry serves
# for version V (names as HashiCorp's provider release tooling makes them,
# hashicorp/terraform-provider-scaffolding-framework .goreleaser.yml; their
# use in hashicorp/terraform website/docs/internals/provider-registry-protocol.mdx):
#
#   terraform-provider-vers_V_<os>_<arch>.zip  terraform-provider-vers_vV at its top level
#   terraform-provider-vers_V_manifest.json    registry-manifest.json
#   terraform-provider-vers_V_SHA256SUMS       `sha256sum` lines of the zips and the manifest
#   terraform-provider-vers_V_SHA256SUMS.sig   detached binary GPG signature of SHA256SUMS
#
# and, for the registry's signing_keys (not a download), the signing key's
# public half: terraform-provider-vers_V_signing_key.asc.
#
# V is project(VERSION) in CMakeLists.txt, its one place; a vX.Y.Z tag on HEAD
# must name the same version (else nothing is written).
#
#   scripts/release.sh [--prebuilt DIR] [--platforms linux_amd64,linux_arm64] OUTDIR
#
# Binaries come from scripts/build-portable.sh ARCH OUTFILE, or with
# --prebuilt from DIR/<os>_<arch>/terraform-provider-vers. Each must be an ELF
# of its architecture whose --version (or, for another architecture, its
# text) says "terraform-provider-vers V".
# Signing: GPG_FINGERPRINT names the key (in GNUPGHOME, else ~/.gnupg). With
# neither set, a throwaway key signs, said loudly: only for tests.
# OUTDIR must be absent or empty, so nothing stale is published with it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name=terraform-provider-vers

die() { echo "release: $*" >&2; exit 1; }

prebuilt="" platforms="linux_amd64,linux_arm64" out=""
while [ $# -gt 0 ]; do
  case $1 in
    --prebuilt) [ $# -ge 2 ] || die "--prebuilt needs a directory"; prebuilt=$2; shift 2 ;;
    --platforms) [ $# -ge 2 ] || die "--platforms needs a list like linux_amd64,linux_arm64"; platforms=$2; shift 2 ;;
    -h | --help) sed -n '2,26p' "$0"; exit 0 ;;
    -*) die "unknown option $1 (accepted: --prebuilt DIR, --platforms LIST)" ;;
    *) [ -z "$out" ] || die "one OUTDIR only (got '$out' and '$1')"; out=$1; shift ;;
  esac
done
[ -n "$out" ] || die "usage: scripts/release.sh [--prebuilt DIR] [--platforms LIST] OUTDIR"
for tool in zip sha256sum gpg; do
  command -v "$tool" >/dev/null || die "$tool is missing (scripts/setup.sh installs it)"
done

# --- The version: project(VERSION) in CMakeLists.txt; a tag on HEAD must agree.
version=$(sed -n 's/^project(terraform-provider-vers VERSION \([^ )]*\).*/\1/p' "$root/CMakeLists.txt")
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
  die "CMakeLists.txt's project(terraform-provider-vers VERSION X.Y.Z) gives '$version', not X.Y.Z"
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  for tag in $(git -C "$root" tag --points-at HEAD --list 'v[0-9]*'); do
    [ "$tag" = "v$version" ] || die "HEAD is tagged $tag but CMakeLists.txt says version $version:" \
      "set project(VERSION) to the tag's version (one place), commit, and tag that commit"
  done
fi
prefix=${name}_$version

# --- OUTDIR: absent or empty. Files are made in a staging directory and
# moved there only once all of them are made and the signature verifies.
if [ -e "$out" ]; then
  [ -d "$out" ] || die "OUTDIR $out exists and is not a directory"
  [ -z "$(ls -A "$out")" ] || die "OUTDIR $out is not empty; give a new or empty directory"
fi
final_out=$out
stage=$(mktemp -d)
# gpg starts an agent per home directory; stop ours before removing them.
cleanup() {
  local home
  for home in "$stage/gnupg" "$stage/verify"; do
    [ ! -d "$home" ] || gpgconf --homedir "$home" --kill all 2>/dev/null || true
  done
  rm -rf "$stage"
}
trap cleanup EXIT
out=$stage/out
mkdir "$out"

# --- Signing settings, checked before anything is built.
sign_home=${GNUPGHOME:-}
fingerprint=${GPG_FINGERPRINT:-}
[ -n "$fingerprint" ] || [ -z "$sign_home" ] || die "GNUPGHOME is set but GPG_FINGERPRINT is not: name the signing key"

# elf_arch FILE: amd64 or arm64 from the ELF header's e_machine, or "not-elf".
elf_arch() {
  local magic machine
  magic=$(od -An -N4 -tx1 "$1" | tr -d ' \n')
  [ "$magic" = 7f454c46 ] || { echo not-elf; return; }
  machine=$(od -An -j18 -N2 -tu2 "$1" | tr -d ' \n')
  case $machine in 62) echo amd64 ;; 183) echo arm64 ;; *) echo "machine-$machine" ;; esac
}

# --- One zip per platform.
IFS=, read -ra wanted <<<"$platforms"
[ ${#wanted[@]} -gt 0 ] || die "--platforms is empty"
commit_time=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}
zips=()
for platform in "${wanted[@]}"; do
  [[ $platform =~ ^linux_(amd64|arm64)$ ]] || die "platform '$platform' is not built (accepted: linux_amd64, linux_arm64)"
  [ ! -e "$stage/$platform" ] || die "--platforms names $platform twice"
  arch=${platform#linux_}
  bin=$stage/$platform/${name}_v$version
  mkdir -p "$stage/$platform"
  if [ -n "$prebuilt" ]; then
    [ -f "$prebuilt/$platform/$name" ] || die "--prebuilt: $prebuilt/$platform/$name is missing"
    cp "$prebuilt/$platform/$name" "$bin"
  else
    echo "release: building $platform with scripts/build-portable.sh" >&2
    bash "$root/scripts/build-portable.sh" "$arch" "$bin" || die "scripts/build-portable.sh $arch failed"
  fi
  got=$(elf_arch "$bin")
  [ "$got" = "$arch" ] || die "the $platform binary is $got, not linux $arch"
  if [ "$(elf_arch /proc/self/exe)" = "$arch" ]; then
    line=$("$bin" --version | sed -n 1p)
    [ "$line" = "$name $version" ] || die "the $platform binary says '$line', not '$name $version'"
  else
    grep -qaF "$name $version" "$bin" || die "the $platform binary does not carry '$name $version'"
  fi
  chmod 0755 "$bin"
  # The commit's time (or SOURCE_DATE_EPOCH) in the zip, as goreleaser's mod_timestamp: the same
  # commit and binary give the same zip bytes.
  touch -d "@$commit_time" "$bin"
  (cd "$stage/$platform" && TZ=UTC zip -q -X "$out/${prefix}_$platform.zip" "${name}_v$version")
  zips+=("${prefix}_$platform.zip")
done

cp "$root/registry-manifest.json" "$out/${prefix}_manifest.json"
(cd "$out" && sha256sum "${zips[@]}" "${prefix}_manifest.json" | LC_ALL=C sort -k2 >"${prefix}_SHA256SUMS")

# --- Signature.
if [ -z "$fingerprint" ]; then
  sign_home=$stage/gnupg
  mkdir -m 700 "$sign_home"
  gpg --homedir "$sign_home" --batch --quiet --passphrase '' --quick-gen-key \
    "terraform-provider-vers THROWAWAY test key (do not publish) <throwaway@invalid>" rsa3072 sign never 2>/dev/null
  fingerprint=$(gpg --homedir "$sign_home" --trust-model always --with-colons --list-secret-keys | awk -F: '$1=="fpr"{print $10; exit}')
  {
    echo "release: ################################################################"
    echo "release: WARNING: GPG_FINGERPRINT and GNUPGHOME are unset: SHA256SUMS is signed"
    echo "release: with a THROWAWAY key ($fingerprint) whose secret half is now deleted."
    echo "release: Its public key is ${prefix}_signing_key.asc. Do NOT publish this release."
    echo "release: ################################################################"
  } >&2
fi
gpg_sign=(gpg --batch --yes --quiet --trust-model always)
[ -z "$sign_home" ] || gpg_sign+=(--homedir "$sign_home")
"${gpg_sign[@]}" --local-user "$fingerprint" --output "$out/${prefix}_SHA256SUMS.sig" \
  --detach-sign "$out/${prefix}_SHA256SUMS" || die "gpg could not sign with key $fingerprint"
"${gpg_sign[@]}" --armor --export "$fingerprint" >"$out/${prefix}_signing_key.asc"
[ -s "$out/${prefix}_signing_key.asc" ] || die "gpg has no public key $fingerprint to export"

# Check the signature with only the exported public key, as a registry client does.
verify_home=$stage/verify
mkdir -m 700 "$verify_home"
gpg --homedir "$verify_home" --batch --quiet --import "$out/${prefix}_signing_key.asc" 2>/dev/null
gpg --homedir "$verify_home" --batch --quiet --verify "$out/${prefix}_SHA256SUMS.sig" \
  "$out/${prefix}_SHA256SUMS" 2>/dev/null || die "the signature does not verify with the exported public key"

mkdir -p "$final_out"
mv "$out"/* "$final_out"/
echo "release: $name $version in $final_out:" >&2
(cd "$final_out" && ls -l | sed 1d | awk '{print "release:   " $5 "\t" $9}' >&2)
