#!/usr/bin/env bash
# scripts/release.sh: the files a registry serves, their contents, the
# signature, the version from one place, and every refusal. Installing what it
# writes with real OpenTofu and Terraform is the acceptance case
# test/acceptance/scenarios/registry_install.cc.
# Names and contents as HashiCorp's release tooling makes them:
# hashicorp/terraform-provider-scaffolding-framework .goreleaser.yml (binary
# '{{ .ProjectName }}_v{{ .Version }}', zip '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}',
# checksums of the zips and the manifest, `gpg --detach-sign` of them).
#
# Needs VERS_PROVIDER (the built provider) and VERS_SOURCE_DIR; ctest sets both.
set -euo pipefail
: "${VERS_PROVIDER:?set VERS_PROVIDER}" "${VERS_SOURCE_DIR:?set VERS_SOURCE_DIR}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vers-release-XXXXXX")
# gpg starts an agent per home directory; stop ours before removing them.
stop_gpg_agents() { for home in "$WORK/verify" "$WORK/keys"; do [ ! -d "$home" ] || gpgconf --homedir "$home" --kill all 2>/dev/null || true; done; }
trap 'stop_gpg_agents; rm -rf "$WORK"' EXIT
cd "$WORK"
unset GNUPGHOME GPG_FINGERPRINT
release=$VERS_SOURCE_DIR/scripts/release.sh
failures=0 checks=0
check() {
  local what=$1
  shift
  checks=$((checks + 1))
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what" >&2; failures=$((failures + 1)); fi
}
has() { grep -qF -- "$2" "$1" || { echo "--- $1 lacks: $2" >&2; sed 's/^/  | /' "$1" >&2; return 1; }; }
refused() { ! "$@"; }

case $(uname -m) in x86_64) arch=amd64 other=arm64 ;; *) arch=arm64 other=amd64 ;; esac
platform=linux_$arch
V=$(sed -n 's/^project(terraform-provider-vers VERSION \([^ )]*\).*/\1/p' "$VERS_SOURCE_DIR/CMakeLists.txt")
P=terraform-provider-vers_$V
mkdir -p "pre/$platform"
strip -o "pre/$platform/terraform-provider-vers" "$VERS_PROVIDER"

# --- --version: the version from CMakeLists.txt and the build's commit.
"$VERS_PROVIDER" --version >version.out
check "--version's first line is 'terraform-provider-vers $V'" test "$(sed -n 1p version.out)" = "terraform-provider-vers $V"
commit=$(sed -n 's/^commit \([0-9a-f]\{40\}\)\(-dirty\)\{0,1\}$/\1/p' version.out)
check "--version names the build's commit" test -n "$commit"
if git -C "$VERS_SOURCE_DIR" rev-parse --git-dir >/dev/null 2>&1; then
  check "a commit of this repository" git -C "$VERS_SOURCE_DIR" cat-file -e "$commit^{commit}"
fi

# --- A release with a throwaway key.
bash "$release" --prebuilt pre --platforms "$platform" out >run1.log 2>&1 || { cat run1.log; exit 1; }
check "exactly the registry's files and the public key" test "$(ls out | tr '\n' ' ')" = \
  "${P}_SHA256SUMS ${P}_SHA256SUMS.sig ${P}_${platform}.zip ${P}_manifest.json ${P}_signing_key.asc "
check "the throwaway key is said loudly" has run1.log "WARNING: GPG_FINGERPRINT and GNUPGHOME are unset"
check "the zip holds terraform-provider-vers_v$V alone" \
  test "$(unzip -Z1 "out/${P}_${platform}.zip")" = "terraform-provider-vers_v$V"
unzip -q "out/${P}_${platform}.zip" -d unzipped
check "it is the given binary" cmp "unzipped/terraform-provider-vers_v$V" "pre/$platform/terraform-provider-vers"
check "executable" test -x "unzipped/terraform-provider-vers_v$V"
check "SHA256SUMS lists the zip and the manifest, in sha256sum's format" test "$(cut -d' ' -f3 "out/${P}_SHA256SUMS" | tr '\n' ' ')" = \
  "${P}_${platform}.zip ${P}_manifest.json "
check "and its sums are right" bash -c "cd out && sha256sum --quiet -c ${P}_SHA256SUMS"
check "the manifest is registry-manifest.json" cmp "out/${P}_manifest.json" "$VERS_SOURCE_DIR/registry-manifest.json"
# (an OpenPGP packet's first byte has its high bit set; armor starts "-----")
check "the signature is binary, not armored" test "$(od -An -N1 -tu1 "out/${P}_SHA256SUMS.sig")" -ge 128
mkdir -m 700 verify
gpg --homedir verify --batch --quiet --import "out/${P}_signing_key.asc" 2>/dev/null
check "it verifies with the written public key" \
  gpg --homedir verify --batch --quiet --verify "out/${P}_SHA256SUMS.sig" "out/${P}_SHA256SUMS" 2>/dev/null
cp "out/${P}_SHA256SUMS" tampered_sums && echo >>tampered_sums
check "and not for another document" \
  refused gpg --homedir verify --batch --quiet --verify "out/${P}_SHA256SUMS.sig" tampered_sums 2>/dev/null

# --- Reproducible: the same binary and commit give the same zip and sums.
bash "$release" --prebuilt pre --platforms "$platform" out2 >run2.log 2>&1
check "a second run writes the same zip" cmp "out/${P}_${platform}.zip" "out2/${P}_${platform}.zip"
check "and the same SHA256SUMS" cmp "out/${P}_SHA256SUMS" "out2/${P}_SHA256SUMS"

# --- A named key in GNUPGHOME.
mkdir -m 700 keys
gpg --homedir keys --batch --quiet --passphrase '' --quick-gen-key "vers release test <t@invalid>" ed25519 sign never 2>/dev/null
fpr=$(gpg --homedir keys --trust-model always --with-colons --list-secret-keys | awk -F: '$1=="fpr"{print $10; exit}')
GNUPGHOME=$WORK/keys GPG_FINGERPRINT=$fpr bash "$release" --prebuilt pre --platforms "$platform" named >named.log 2>&1
check "GPG_FINGERPRINT in GNUPGHOME signs, with no warning" refused grep -q WARNING named.log
check "its signature verifies with that key" \
  gpg --homedir keys --batch --quiet --verify "named/${P}_SHA256SUMS.sig" "named/${P}_SHA256SUMS" 2>/dev/null
check "the written public key is that key" bash -c \
  "gpg --homedir '$WORK/verify' --batch --with-colons --show-keys named/${P}_signing_key.asc 2>/dev/null | grep -q ':$fpr:'"

# --- Refusals, each naming what was wrong and writing nothing.
GNUPGHOME=$WORK/keys bash "$release" --prebuilt pre --platforms "$platform" r1 >r1.log 2>&1 && ok=1 || ok=0
check "GNUPGHOME without GPG_FINGERPRINT is refused" test "$ok" = 0
check "naming the missing fingerprint" has r1.log "GNUPGHOME is set but GPG_FINGERPRINT is not"
check "and writes nothing" test ! -e r1
GNUPGHOME=$WORK/keys GPG_FINGERPRINT=0000000000000000000000000000000000000000 \
  bash "$release" --prebuilt pre --platforms "$platform" r2 >r2.log 2>&1 && ok=1 || ok=0
check "an unknown GPG_FINGERPRINT is refused" test "$ok" = 0
check "naming it" has r2.log "gpg could not sign with key 0000000000000000000000000000000000000000"
bash "$release" --prebuilt pre --platforms "$platform" out >r3.log 2>&1 && ok=1 || ok=0
check "a non-empty OUTDIR is refused" test "$ok" = 0
check "naming it" has r3.log "is not empty"
mkdir -p "notelf/$platform" && echo '#!/bin/sh' >"notelf/$platform/terraform-provider-vers"
bash "$release" --prebuilt notelf --platforms "$platform" r4 >r4.log 2>&1 && ok=1 || ok=0
check "a binary that is not an ELF is refused" test "$ok" = 0
check "naming the platform" has r4.log "the $platform binary is not-elf"
mkdir -p "wrongver/$platform" && cp "$(type -P true)" "wrongver/$platform/terraform-provider-vers"
bash "$release" --prebuilt wrongver --platforms "$platform" r5 >r5.log 2>&1 && ok=1 || ok=0
check "a binary of another version is refused" test "$ok" = 0
check "saying what it reports" has r5.log "the $platform binary says 'true (GNU coreutils)"
bash "$release" --prebuilt pre --platforms "linux_$other" r6 >r6.log 2>&1 && ok=1 || ok=0
check "a platform with no binary is refused" test "$ok" = 0
check "naming the missing file" has r6.log "pre/linux_$other/terraform-provider-vers is missing"
bash "$release" --prebuilt pre --platforms "$platform,$platform" r11 >r11.log 2>&1 && ok=1 || ok=0
check "a platform named twice is refused" test "$ok" = 0
check "saying so" has r11.log "--platforms names $platform twice"
bash "$release" --platforms windows_amd64 r8 >r8.log 2>&1 && ok=1 || ok=0
check "an unknown platform is refused" test "$ok" = 0
check "listing those accepted" has r8.log "accepted: linux_amd64, linux_arm64"

# --- The version's one place: a vX.Y.Z tag on HEAD must agree with CMakeLists.txt.
mkdir -p repo/scripts
cp "$release" repo/scripts/ && cp "$VERS_SOURCE_DIR/CMakeLists.txt" "$VERS_SOURCE_DIR/registry-manifest.json" repo/
git -C repo init -q && git -C repo add -A &&
  git -C repo -c user.name=t -c user.email=t@invalid commit -qm release
git -C repo tag v9.9.9
bash repo/scripts/release.sh --prebuilt pre --platforms "$platform" r9 >r9.log 2>&1 && ok=1 || ok=0
check "a tag on HEAD naming another version is refused" test "$ok" = 0
check "naming both" has r9.log "HEAD is tagged v9.9.9 but CMakeLists.txt says version $V"
git -C repo tag -d v9.9.9 >/dev/null && git -C repo tag "v$V"
bash repo/scripts/release.sh --prebuilt pre --platforms "$platform" r10 >r10.log 2>&1 && ok=1 || ok=0
check "a tag v$V on HEAD is accepted" test "$ok" = 1

echo "$((checks - failures)) passed, $failures failed"
[ "$failures" = 0 ]
