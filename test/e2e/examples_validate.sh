#!/usr/bin/env bash
# Every example folder under examples/ validates with real OpenTofu (and
# Terraform) and this build, as shipped: the conventional layout's folders,
# import-by-string-id.tf included (validate does not check an import block's
# target: examples_apply.sh imports by it), and the scenarios.
source "$(dirname "$0")/lib.sh"
src=${VERS_SOURCE_DIR:?set VERS_SOURCE_DIR to the repository root}
work_dir examples
# The whole tree, as shipped: an example may use a module beside it
# (examples/layered-images/reuse uses ../layers), installed by `get`.
cp -r "$src/examples/." "$WORK"
count=0
while IFS= read -r dir; do
  name=${dir#"$src"/examples/}
  count=$((count + 1))
  (cd "$WORK/$name" && tofu get -no-color >validate.out 2>&1 &&
    tofu validate -no-color >validate.out 2>&1) && ok=1 || ok=0
  check "examples/$name validates" test "$ok" = 1 || sed 's/^/  | /' "$WORK/$name/validate.out" >&2
done < <(find "$src/examples" -name '*.tf' -printf '%h\n' | sort -u)
check "every example folder is found" test "$count" -gt 15
finish
