# Shared helpers for end-to-end tests: each test drives the built provider
# with the real OpenTofu binary in a throwaway directory.
#
# Needs VERS_PROVIDER (path of the built provider) and VERS_TOFU (OpenTofu);
# ctest sets both.
set -euo pipefail

: "${VERS_PROVIDER:?set VERS_PROVIDER to the built terraform-provider-vers}"
: "${VERS_TOFU:?set VERS_TOFU to the OpenTofu binary (scripts/setup.sh builds it)}"
[ -x "$VERS_TOFU" ] || { echo "OpenTofu not found at $VERS_TOFU: run scripts/setup.sh" >&2; exit 1; }

failures=0
checks=0

# work_dir NAME: a fresh directory with a dev_overrides CLI config; cd's into it.
work_dir() {
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/vers-e2e-$1-XXXXXX")
  cat >"$WORK/cli.tfrc" <<CFG
provider_installation {
  dev_overrides { "hdr/vers" = "$(dirname "$VERS_PROVIDER")" }
  direct {}
}
CFG
  export TF_CLI_CONFIG_FILE="$WORK/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  unset TF_LOG TF_LOG_PROVIDER VERS_API_KEY VERS_BASE_URL VERS_VM_DOMAIN
  cd "$WORK"
  trap 'rm -rf "$WORK"' EXIT
}

tofu() { "$VERS_TOFU" "$@"; }

# check DESCRIPTION COMMAND...: runs COMMAND, counts a failure if it fails.
check() {
  local what=$1
  shift
  checks=$((checks + 1))
  if "$@"; then
    echo "ok: $what"
  else
    echo "FAIL: $what" >&2
    failures=$((failures + 1))
  fi
}

# contains FILE TEXT: FILE contains TEXT (fixed string).
contains() { grep -qF -- "$2" "$1" || { echo "--- $1 lacks: $2" >&2; sed 's/^/  | /' "$1" >&2; return 1; }; }

finish() {
  echo "$((checks - failures)) passed, $failures failed"
  [ "$failures" = 0 ]
}
