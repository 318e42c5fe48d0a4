#!/usr/bin/env bash
# build-portable.sh ARCH OUTFILE: builds a stripped terraform-provider-vers for
# linux_ARCH (amd64 | arm64) that needs no shared library at all (static,
# glibc included), so it runs on any Linux of that architecture (proven on
# Debian 11 and 12 by the "portable: ..." tests). arm64 is cross-compiled with
# Debian's aarch64-linux-gnu gcc against Debian's arm64 static archives.
# Progress goes to stderr; exits non-zero on failure.
#
# Dependencies are cached outside the clone (scripts/portable/lib.sh); the
# build directory is $VERS_PORTABLE_BUILD_DIR (default build-portable/ARCH).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
source "$root/scripts/portable/lib.sh"

[ $# = 2 ] || die "usage: $0 amd64|arm64 OUTFILE"
arch=$1 out=$2
host=$(triple "$arch")
jobs=${JOBS:-2}
build=${VERS_PORTABLE_BUILD_DIR:-$root/build-portable/$arch}

settings=$(bash "$root/scripts/portable/deps.sh" "$arch")
deps=$(sed -n 's/^deps=//p' <<<"$settings")
sysroot=$(sed -n 's/^sysroot=//p' <<<"$settings")

# A unity build (-DVERS_UNITY=ON, cmake/unity.cmake): batches of 16 sources
# per translation unit, so the standard, gRPC and protobuf headers that make
# up most of each file's preprocessed text are compiled once per batch.
cmake_args=(-DVERS_PORTABLE=ON -DVERS_PORTABLE_DEPS="$deps" -DBUILD_TESTING=OFF
  -DCMAKE_BUILD_TYPE=Release -DVERS_UNITY=ON)
strip=strip
if [ "$arch" = arm64 ]; then
  # Headers and archives from the extracted packages; programs (protoc,
  # grpc_cpp_plugin) from the host; glibc and libstdc++ from the cross gcc.
  export PKG_CONFIG_LIBDIR=$sysroot/usr/lib/$host/pkgconfig:$sysroot/usr/share/pkgconfig
  export PKG_CONFIG_SYSROOT_DIR=$sysroot
  cmake_args+=(-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64
    -DCMAKE_CXX_COMPILER="$host-g++" -DCMAKE_LIBRARY_ARCHITECTURE="$host"
    -DCMAKE_FIND_ROOT_PATH="$sysroot;/usr/$host" -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER
    -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY
    -DCMAKE_FIND_ROOT_PATH_MODE_PACKAGE=ONLY
    -DCMAKE_CXX_FLAGS="-isystem $sysroot/usr/include -isystem $sysroot/usr/include/$host"
    -DCMAKE_EXE_LINKER_FLAGS="-L$sysroot/usr/lib/$host")
  strip=$host-strip
fi
command -v ccache >/dev/null && cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR=$root CCACHE_NOHASHDIR=1

mkdir -p "$(dirname "$build")"
say "configuring $build"
cmake -S "$root" -B "$build" -G Ninja "${cmake_args[@]}" >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log" >&2; die "cmake failed"; }
say "building terraform-provider-vers for linux_$arch"
ninja -C "$build" -j"$jobs" terraform-provider-vers >&2
bin=$build/terraform-provider-vers

# The contract: no dynamic section at all (no interpreter, no NEEDED).
if readelf -lW "$bin" | grep -q INTERP || readelf -dW "$bin" | grep -q NEEDED; then
  readelf -dW "$bin" | grep NEEDED >&2 || true
  die "$bin is not fully static"
fi
mkdir -p "$(dirname "$out")"
"$strip" --strip-all -o "$out.tmp" "$bin"
mv "$out.tmp" "$out"
say "wrote $out ($(du -k "$out" | cut -f1) KiB, static, stripped)"
