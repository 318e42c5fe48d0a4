#!/usr/bin/env bash
# Installs everything a fresh Debian machine needs to build and test the provider:
# the -dev packages from Debian, OpenTofu built from its Go module with the
# machine's Go into .tools/, and schemathesis (the generated conformance test of
# vers-local) into a venv of Debian's python3 at .tools/schemathesis, both
# pinned and reused when already present, in this clone or (built once per
# machine) in ~/.cache/vers-tools; HashiCorp Terraform must be on the PATH.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
tofu_version=${TOFU_VERSION:-1.12.6}
terraform_version=${TERRAFORM_VERSION:-1.11.4}
tools="$root/.tools"

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates
  libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc
  libsimdjson-dev libssh-dev libssl-dev libcurl4-openssl-dev catch2
  openssh-server openssh-client openssl
  clang libclang-rt-14-dev clang-format clang-tidy ccache python3 python3-jsonschema python3-venv libcpp-httplib-dev curl jq
  procps strace unzip zip gnupg gdb
  # portable release binaries (scripts/build-portable.sh) and their tests
  debootstrap qemu-user-static g++-aarch64-linux-gnu binutils-aarch64-linux-gnu dpkg-dev
  # vers-local VM isolation (own image, seccomp, netns with NAT, disks)
  libseccomp-dev nftables iproute2 e2fsprogs util-linux
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep 'install ok installed' >/dev/null || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# go_cli NAME MODULE VERSION PACKAGE LDFLAGS OUT: builds a Go command from its
# module at VERSION into OUT. OpenTofu's go.mod carries `replace` directives, so
# `go install module@version` refuses them; the module is downloaded and the
# command built inside it instead.
go_cli() {
  local name=$1 module=$2 version=$3 package=$4 ldflags=$5 out=$6 dir
  command -v go >/dev/null || { echo "setup: Go is required to build $name" >&2; exit 1; }
  echo "setup: building $name v$version from its Go module (a few minutes)"
  dir=$(cd "$(mktemp -d)" && GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json "$module@v$version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$dir" ] || { echo "setup: could not download the $name module" >&2; exit 1; }
  mkdir -p "$(dirname "$out")"
  # CGO_ENABLED=0 as in OpenTofu's own releases: a static binary, which also runs in
  # the minimal Debian roots of the portable tests.
  (cd "$dir" && CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w $ldflags" -o "$out.tmp" "$package")
  mv "$out.tmp" "$out"
}

tofu="$tools/bin/tofu"
# Built once per machine: a clone elsewhere (every CI run) copies the binary
# from the cache outside the clone instead of building it again (~1 min).
cache=${XDG_CACHE_HOME:-$HOME/.cache}/vers-tools
tofu_cached="$cache/tofu-$tofu_version"
# tofu_is_pinned BIN: BIN runs and is OpenTofu $tofu_version. (grep without -q
# reads all its input: an early exit would kill tofu with SIGPIPE, which
# pipefail turns into a failure.)
tofu_is_pinned() {
  [ -x "$1" ] && TF_CLI_CONFIG_FILE=/dev/null "$1" version 2>/dev/null | grep -x "OpenTofu v$tofu_version" >/dev/null
}
if tofu_is_pinned "$tofu"; then
  echo "setup: OpenTofu v$tofu_version already at $tofu"
elif tofu_is_pinned "$tofu_cached"; then
  mkdir -p "$(dirname "$tofu")"
  cp "$tofu_cached" "$tofu.tmp"
  mv "$tofu.tmp" "$tofu"
  echo "setup: OpenTofu v$tofu_version copied from $tofu_cached"
else
  go_cli OpenTofu github.com/opentofu/opentofu "$tofu_version" ./cmd/tofu \
    "-X github.com/opentofu/opentofu/version.dev=no" "$tofu"
  TF_CLI_CONFIG_FILE=/dev/null "$tofu" version | sed -n 1p
  mkdir -p "$cache"
  cp "$tofu" "$tofu_cached.tmp.$$"
  mv "$tofu_cached.tmp.$$" "$tofu_cached"  # whole or absent, under concurrent runs
fi

# HashiCorp Terraform: our machines carry it on the PATH (v1.11.4). It cannot
# be built here as OpenTofu is: its module leaves out the nested backend
# modules it replaces, and its releases site is out of reach.
if command -v terraform >/dev/null; then
  echo "setup: $(TF_CLI_CONFIG_FILE=/dev/null terraform version 2>/dev/null | sed -n 1p) on the PATH"
else
  echo "setup: HashiCorp Terraform is not on the PATH; the e2e tests run with it as well as with" \
    "OpenTofu. Install terraform (v$terraform_version) on the PATH." >&2
  exit 1
fi

# schemathesis: the versions in scripts/schemathesis-requirements.txt (every
# package pinned), in a venv of Debian's python3 (not whichever python3 comes
# first in PATH). The venv lives in the cache outside the clone, one per set
# of pins, and .tools/schemathesis links to it: a venv cannot move (its
# scripts name its path), and a clone elsewhere (every CI run) reuses it
# instead of installing again. Created under a lock, as concurrent runs share it.
st_venv="$tools/schemathesis"
st_pins="$root/scripts/schemathesis-requirements.txt"
if [ -x "$st_venv/bin/st" ] && cmp -s "$st_pins" "$st_venv/requirements.txt"; then
  echo "setup: $("$st_venv/bin/st" --version) already at $st_venv"
else
  st_cached="$cache/schemathesis-$(sha256sum "$st_pins" | cut -c1-16)"
  mkdir -p "$cache"
  (
    flock 9
    if [ -x "$st_cached/bin/st" ] && cmp -s "$st_pins" "$st_cached/requirements.txt"; then
      exit 0
    fi
    echo "setup: installing schemathesis into $st_cached"
    rm -rf "$st_cached"
    /usr/bin/python3 -m venv "$st_cached"
    "$st_cached/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$st_pins"
    cp "$st_pins" "$st_cached/requirements.txt"  # last: marks the venv complete
  ) 9>"$cache/schemathesis.lock"
  mkdir -p "$tools"
  rm -rf "$st_venv"
  ln -s "$st_cached" "$st_venv"
  echo "setup: $("$st_venv/bin/st" --version) at $st_venv -> $st_cached"
fi
