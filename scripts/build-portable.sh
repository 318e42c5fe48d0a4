#!/usr/bin/env bash
# PLACEHOLDER -- replaced at merge by the real scripts/build-portable.sh (issue 12
# item 2, branch of wt-portable: static/portable binaries, arm64 cross-built).
# Same interface, so that scripts/release.sh can be written and tested now:
#
#   scripts/build-portable.sh ARCH OUTFILE     # ARCH: amd64 | arm64
#
# writes a stripped linux_ARCH terraform-provider-vers to OUTFILE. This
# placeholder builds a Release binary for the HOST architecture only, linked to
# the host's shared libraries (it is NOT portable), and fails for any other
# ARCH. Build directory: $VERS_RELEASE_BUILD_DIR (default build-release).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# = 2 ] || { echo "usage: $0 ARCH OUTFILE   (ARCH: amd64 or arm64)" >&2; exit 2; }
arch=$1 out=$2
case $(uname -m) in
  x86_64) host=amd64 ;;
  aarch64 | arm64) host=arm64 ;;
  *) host=$(uname -m) ;;
esac
case $arch in
  amd64 | arm64) ;;
  *) echo "build-portable: ARCH must be amd64 or arm64, not '$arch'" >&2; exit 2 ;;
esac
if [ "$arch" != "$host" ]; then
  echo "build-portable (placeholder): cannot build linux_$arch on this $host host; only the real" \
    "scripts/build-portable.sh cross-compiles (or pass release.sh --prebuilt DIR)" >&2
  exit 1
fi
echo "build-portable: PLACEHOLDER build (host $host, Release, dynamically linked: not portable)" >&2
build=${VERS_RELEASE_BUILD_DIR:-$root/build-release}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="$root" CCACHE_NOHASHDIR=1
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF "${launcher[@]}" >/dev/null
ninja -C "$build" -j"${JOBS:-2}" terraform-provider-vers >&2
mkdir -p "$(dirname "$out")"
strip -o "$out" "$build/terraform-provider-vers"
