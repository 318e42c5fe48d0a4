#!/usr/bin/env bash
# deps.sh ARCH: prepares what a static terraform-provider-vers for linux_ARCH
# links beyond Debian's own static archives, in the cache, and prints one line
# per setting for build-portable.sh:
#   deps=DIR        include/ and lib/ of libcurl and libssh built without
#                   GSSAPI, simdjson/ with simdjson's single-file amalgamation
#   sysroot=DIR     (arm64) Debian bookworm's arm64 -dev packages extracted
#
# Why: Debian's libcurl.a and libssh.a need GSSAPI/krb5 (and curl LDAP,
# nghttp2, libssh2, ...), which have no static archives, and simdjson has no
# static archive at all. curl and libssh are built from Debian's source
# packages (Debian's patches applied) with only what the provider uses: HTTP(S)
# over OpenSSL with zlib; SSH client + SFTP over OpenSSL with zlib (libssh's
# server part too: ssh_send_keepalive, which the provider calls, lives there).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

arch=${1:?usage: deps.sh amd64|arm64}
host=$(triple "$arch")
jobs=${JOBS:-2}
papt_ready

# --- arm64: a sysroot of Debian's arm64 -dev packages (the cross gcc brings
# glibc and libstdc++). Keyed by the packages' versions.
sysroot=
cross_flags=()
if [ "$arch" = arm64 ]; then
  dev_pkgs=(libgrpc++-dev libgrpc-dev libprotobuf-dev libabsl-dev libre2-dev libc-ares-dev libssl-dev zlib1g-dev)
  key=$(for p in "${dev_pkgs[@]}"; do echo "$p=$(candidate "$p:arm64")"; done | sha256sum | cut -c1-12)
  sysroot=$cache/sysroot/arm64-$key
  if [ ! -f "$sysroot/.done" ]; then
    say "extracting Debian arm64 packages into $sysroot"
    rm -rf "$sysroot" "$sysroot.debs"
    mkdir -p "$sysroot.debs"
    (cd "$sysroot.debs" && papt download "${dev_pkgs[@]/%/:arm64}" >/dev/null)
    for d in "$sysroot.debs"/*.deb; do dpkg-deb -x "$d" "$sysroot"; done
    rm -rf "$sysroot.debs"
    touch "$sysroot/.done"
  fi
  cross_flags=(-isystem "$sysroot/usr/include" -isystem "$sysroot/usr/include/$host"
    -L"$sysroot/usr/lib/$host")
  export PKG_CONFIG_LIBDIR=$sysroot/usr/lib/$host/pkgconfig:$sysroot/usr/share/pkgconfig
  export PKG_CONFIG_SYSROOT_DIR=$sysroot
  cc=$host-gcc
else
  cc=gcc
fi
command -v "$cc" >/dev/null || die "$cc is missing (scripts/setup.sh installs it)"

curl_src=$(source_dir curl)
ssh_src=$(source_dir libssh)
simd_src=$(source_dir simdjson)
key=$( (echo "$arch $("$cc" -dumpfullversion) $sysroot $curl_src $ssh_src $simd_src"
  cat "$here/deps.sh") | sha256sum | cut -c1-12)
deps=$cache/deps/$arch-$key

if [ ! -f "$deps/.done" ]; then
  rm -rf "$deps" "$deps.build"
  mkdir -p "$deps.build" "$deps/simdjson"
  cp "$simd_src/singleheader/simdjson.h" "$simd_src/singleheader/simdjson.cpp" "$deps/simdjson/"
  flags="-O2 -fno-plt -ffunction-sections -fdata-sections ${cross_flags[*]}"

  say "building static libcurl ($(basename "$curl_src")) for $arch"
  cp -a "$curl_src" "$deps.build/curl"
  (cd "$deps.build/curl" &&
    CC=$cc CFLAGS="$flags" CPPFLAGS="${cross_flags[*]}" LDFLAGS="${cross_flags[*]}" \
      ./configure --host="$host" --prefix="$deps" --disable-shared --enable-static \
      --with-openssl --with-zlib --without-ca-bundle --without-ca-path --with-ca-fallback \
      --enable-threaded-resolver --disable-ares --without-libpsl --without-brotli --without-zstd \
      --without-libidn2 --without-nghttp2 --without-nghttp3 --without-ngtcp2 --without-librtmp \
      --without-libssh2 --without-libssh --without-wolfssh --without-gssapi --disable-ldap --disable-ldaps \
      --disable-rtsp --disable-dict --disable-telnet --disable-tftp --disable-pop3 --disable-imap \
      --disable-smb --disable-smtp --disable-gopher --disable-mqtt --disable-ftp --disable-file \
      --disable-manual --disable-docs --disable-ntlm --disable-ntlm-wb --disable-kerberos-auth \
      --disable-negotiate-auth >"$deps.build/curl.log" 2>&1 &&
    make -C lib -j"$jobs" >>"$deps.build/curl.log" 2>&1 &&
    make -C lib install >>"$deps.build/curl.log" 2>&1 &&
    make -C include install >>"$deps.build/curl.log" 2>&1) ||
    { tail -30 "$deps.build/curl.log" >&2; die "libcurl build failed (log: $deps.build/curl.log)"; }

  say "building static libssh ($(basename "$ssh_src")) for $arch, without GSSAPI"
  toolchain=()
  if [ "$arch" = arm64 ]; then
    toolchain=(-DCMAKE_SYSTEM_NAME=Linux -DCMAKE_SYSTEM_PROCESSOR=aarch64 -DCMAKE_C_COMPILER="$cc"
      -DCMAKE_FIND_ROOT_PATH="$sysroot;/usr/$host" -DCMAKE_FIND_ROOT_PATH_MODE_PROGRAM=NEVER
      -DCMAKE_FIND_ROOT_PATH_MODE_LIBRARY=ONLY -DCMAKE_FIND_ROOT_PATH_MODE_INCLUDE=ONLY
      -DCMAKE_LIBRARY_ARCHITECTURE="$host")
  fi
  cmake -S "$ssh_src" -B "$deps.build/libssh" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_INSTALL_PREFIX="$deps" -DCMAKE_INSTALL_LIBDIR=lib \
    -DBUILD_SHARED_LIBS=OFF -DWITH_GSSAPI=OFF -DWITH_ZLIB=ON -DWITH_SFTP=ON -DWITH_SERVER=ON \
    -DWITH_PCAP=OFF -DWITH_EXAMPLES=OFF -DWITH_NACL=OFF -DWITH_SYMBOL_VERSIONING=OFF \
    -DWITH_DEBUG_CALLTRACE=OFF -DUNIT_TESTING=OFF -DCLIENT_TESTING=OFF "${toolchain[@]}" \
    >"$deps.build/libssh.log" 2>&1 &&
    ninja -C "$deps.build/libssh" -j"$jobs" install >>"$deps.build/libssh.log" 2>&1 ||
    { tail -30 "$deps.build/libssh.log" >&2; die "libssh build failed (log: $deps.build/libssh.log)"; }

  rm -rf "$deps.build"
  touch "$deps/.done"
fi
echo "deps=$deps"
[ -z "$sysroot" ] || echo "sysroot=$sysroot"
