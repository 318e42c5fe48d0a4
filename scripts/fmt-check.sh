#!/usr/bin/env bash
# Fails, showing the diff, when a .tf file of the repository is not in the
# canonical format of `CLI fmt` (OpenTofu's or Terraform's).
#   scripts/fmt-check.sh CLI
# The files are those git tracks (and new ones not ignored), so build trees
# and scratch directories are left out.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cli=${1:?usage: scripts/fmt-check.sh TOFU_OR_TERRAFORM}
cd "$root"
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard -- '*.tf' '*.tfvars')
else
  mapfile -t files < <(find examples test -name '*.tf' -o -name '*.tfvars')
fi
[ "${#files[@]}" -gt 0 ] || { echo "fmt: no .tf files found under $root" >&2; exit 1; }
export TF_CLI_CONFIG_FILE=/dev/null  # fmt needs no providers or settings
if ! "$cli" fmt -check -diff -no-color "${files[@]}"; then
  echo "fmt: the files above are not formatted: run '$cli fmt -recursive examples'" >&2
  exit 1
fi
echo "fmt: ${#files[@]} files formatted"
