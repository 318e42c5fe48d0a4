#!/usr/bin/env bash
# The main job: install what is missing, build the provider, and apply an
# example with OpenTofu through a dev_overrides CLI configuration.
#
#   scripts/run.sh [EXAMPLE_DIR]    # default: examples/provider
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
example=$(cd "${1:-$root/examples/provider}" && pwd)

bash "$root/scripts/setup.sh"
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
ninja -C "$root/build" -j"${JOBS:-2}" terraform-provider-vers

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides { "hdr/vers" = "$root/build" }
  direct {}
}
CFG
cp -r "$example"/. "$work/"
cd "$work"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
tofu="$root/.tools/bin/tofu"
"$tofu" apply -auto-approve -input=false
"$tofu" output
"$tofu" destroy -auto-approve -input=false >/dev/null
