#!/usr/bin/env bash
# static-tofu.sh TOFU: a fully static build (CGO_ENABLED=0, as OpenTofu's own
# releases are built) of the OpenTofu version TOFU reports, for the minimal
# Debian roots, which lack the newer glibc a cgo build links against. Prints
# TOFU itself when it is static already; otherwise builds once from the Go
# module into $cache/tofu/<version>/tofu (reused afterwards) and prints that.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

tofu=${1:?usage: static-tofu.sh TOFU}
if ! readelf -lW "$tofu" | grep -q INTERP; then
  echo "$tofu"
  exit 0
fi
version=$(TF_CLI_CONFIG_FILE=/dev/null "$tofu" version | sed -n 's/^OpenTofu v//p')
[ -n "$version" ] || die "$tofu does not say which OpenTofu version it is"
out=$cache/tofu/$version/tofu
if [ ! -x "$out" ]; then
  command -v go >/dev/null || die "Go is needed to build a static OpenTofu $version"
  say "building a static OpenTofu v$version (CGO_ENABLED=0) into $out (once; cached)"
  dir=$(cd "$(mktemp -d)" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json \
    "github.com/opentofu/opentofu@v$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir" ] || die "could not download the OpenTofu module v$version"
  mkdir -p "$(dirname "$out")"
  (cd "$dir" && CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -trimpath \
    -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$out.tmp" ./cmd/tofu) >&2
  mv "$out.tmp" "$out"
fi
echo "$out"
