#!/usr/bin/env bash
# Every example under examples/ validates with real OpenTofu and this build.
source "$(dirname "$0")/lib.sh"
src=${VERS_SOURCE_DIR:?set VERS_SOURCE_DIR to the repository root}
work_dir examples
for dir in "$src"/examples/*/main.tf "$src"/examples/data-sources/*/main.tf; do
  dir=$(dirname "$dir")
  name=${dir#"$src"/examples/}
  rm -rf "${WORK:?}/$name" && mkdir -p "$WORK/$name" && cp -r "$dir"/. "$WORK/$name"
  (cd "$WORK/$name" && tofu validate -no-color >validate.out 2>&1) && ok=1 || ok=0
  check "examples/$name validates" test "$ok" = 1 || sed 's/^/  | /' "$WORK/$name/validate.out" >&2
done
finish
