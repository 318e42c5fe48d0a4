#!/usr/bin/env bash
# root.sh SUITE: a minimal Debian SUITE (bullseye | bookworm) root made with
# `debootstrap --variant=minbase` and nothing added, cached in
# $cache/roots/SUITE-<debootstrap version> (made once, never changed: tests
# run in an overlay of it); prints its path. Needs root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

suite=${1:?usage: root.sh bullseye|bookworm}
case $suite in bullseye | bookworm) ;; *) die "unknown suite '$suite' (bullseye or bookworm)" ;; esac
command -v debootstrap >/dev/null || die "debootstrap is missing (scripts/setup.sh installs it)"
key=$(dpkg-query -W -f='${Version}' debootstrap)
dir=$cache/roots/$suite-minbase-$key
if [ ! -f "$dir.done" ]; then
  say "debootstrap --variant=minbase $suite into $dir (once; cached)"
  rm -rf "$dir"
  mkdir -p "$(dirname "$dir")"
  debootstrap --variant=minbase "$suite" "$dir" http://deb.debian.org/debian >"$dir.log" 2>&1 ||
    { tail -20 "$dir.log" >&2; die "debootstrap $suite failed (log: $dir.log)"; }
  touch "$dir.done"
fi
echo "$dir"
