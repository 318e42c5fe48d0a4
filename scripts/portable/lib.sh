# Shared by the portable-build scripts (sourced): the cache outside the clone
# and a private apt that reads Debian bookworm's indexes for amd64 and arm64
# without touching the host's package state.
#
# Everything is cached under $VERS_PORTABLE_CACHE (~/.cache/vers-portable):
#   apt/                    private apt state and downloaded .debs
#   src/<pkg>_<version>/    Debian source packages, unpacked with their patches
#   sysroot/arm64-<key>/    arm64 -dev packages, extracted (dpkg-deb -x)
#   deps/<arch>-<key>/      static libcurl and libssh built without GSSAPI,
#                           simdjson's single-file amalgamation
#   roots/<suite>-<key>/    debootstrap --variant=minbase roots (tests)
set -euo pipefail

cache=${VERS_PORTABLE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vers-portable}
mkdir -p "$cache"

say() { echo "portable: $*" >&2; }
die() { echo "portable: error: $*" >&2; exit 1; }

# papt COMMAND ARGS...: apt-get (or apt-cache, with COMMAND=cache) on the
# private state in $cache/apt: Debian bookworm (+ updates, security), amd64
# and arm64 binaries and sources.
papt() {
  local a=$cache/apt tool=apt-get
  [ "$1" = cache ] && { tool=apt-cache; shift; }
  mkdir -p "$a/lists/partial" "$a/cache/archives/partial" "$a/etc/empty"
  [ -f "$a/status" ] || : >"$a/status"
  cat >"$a/etc/sources.list.new" <<'LIST'
deb [arch=amd64,arm64] http://deb.debian.org/debian bookworm main
deb [arch=amd64,arm64] http://deb.debian.org/debian bookworm-updates main
deb [arch=amd64,arm64] http://deb.debian.org/debian-security bookworm-security main
deb-src http://deb.debian.org/debian bookworm main
deb-src http://deb.debian.org/debian-security bookworm-security main
LIST
  mv "$a/etc/sources.list.new" "$a/etc/sources.list"
  "$tool" -q -o Dir::Etc::SourceList="$a/etc/sources.list" -o Dir::Etc::SourceParts="$a/etc/empty" \
    -o Dir::Etc::Preferences="$a/etc/empty/none" -o Dir::Etc::PreferencesParts="$a/etc/empty" \
    -o Dir::State::Lists="$a/lists" -o Dir::Cache="$a/cache" -o Dir::State::status="$a/status" \
    -o APT::Architecture=amd64 -o APT::Architectures::=amd64 -o APT::Architectures::=arm64 \
    -o APT::Sandbox::User=root -o Debug::NoLocking=1 "$@"
}

# papt_ready: the private indexes, fetched when missing or older than a week
# (a warm run makes no network call).
papt_ready() {
  local stamp=$cache/apt/updated
  if [ -z "$(find "$stamp" -mtime -7 2>/dev/null)" ]; then
    say "fetching Debian bookworm package indexes (private apt state in $cache/apt)"
    papt update >/dev/null
    touch "$stamp"
  fi
}

# candidate PKG[:ARCH]: the version the private apt would install.
candidate() { papt cache policy "$1" | sed -n 's/^  Candidate: //p'; }

# source_dir PKG: Debian's newest source package PKG that the mirror serves
# (a security upload's source is not always on deb.debian.org: then the
# point release's), unpacked with Debian's patches applied (apt-get source
# runs dpkg-source -x); prints its directory, named after the version.
source_dir() {
  local pkg=$1 version dir
  for version in $(papt cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -rV); do
    dir=$cache/src/${pkg}_$version
    [ -f "$dir/.unpacked" ] && { echo "$dir"; return; }
  done
  for version in $(papt cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -rV); do
    dir=$cache/src/${pkg}_$version
    say "fetching Debian source $pkg $version"
    rm -rf "$dir" "$dir.tmp"
    mkdir -p "$dir.tmp"
    if (cd "$dir.tmp" && papt source "$pkg=$version" >"$dir.tmp/log" 2>&1); then
      mv "$(find "$dir.tmp" -mindepth 1 -maxdepth 1 -type d | head -n 1)" "$dir"
      rm -rf "$dir.tmp"
      touch "$dir/.unpacked"
      echo "$dir"
      return
    fi
    say "source $pkg $version is not served ($(grep -m1 -o '[0-9]* *Not Found' "$dir.tmp/log" || echo failed)); trying an older one"
    rm -rf "$dir.tmp"
  done
  die "no source of $pkg could be fetched"
}

# triple ARCH: the GNU triple of a Debian architecture we build for.
triple() {
  case $1 in
    amd64) echo x86_64-linux-gnu ;;
    arm64) echo aarch64-linux-gnu ;;
    *) die "unknown architecture '$1' (amd64 or arm64)" ;;
  esac
}
