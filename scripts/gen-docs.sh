#!/usr/bin/env bash
# Regenerates docs/ from the provider's schema descriptions, and copies the
# hand-written guides from templates/guides.
#   scripts/gen-docs.sh [--check] [GEN_DOCS_BINARY]
# With --check, fails (listing the differences) when docs/ is out of date.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
check=0
[ "${1:-}" = --check ] && { check=1; shift; }
gen=${1:-$root/build/gen_docs}
[ -x "$gen" ] || { cmake -S "$root" -B "$root/build" -G Ninja >/dev/null && ninja -C "$root/build" gen_docs; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$gen" "$out" "$root/examples"
# Guides are written by hand (as tfplugindocs takes them from templates/guides).
mkdir -p "$out/guides"
cp "$root"/templates/guides/*.md "$out/guides/"
if [ "$check" = 1 ]; then
  diff -ru "$root/docs" "$out" || { echo "docs/ is out of date: run scripts/gen-docs.sh" >&2; exit 1; }
  echo "docs: up to date"
else
  rm -rf "$root/docs"
  cp -r "$out" "$root/docs"
  echo "docs: regenerated in $root/docs"
fi
