#!/usr/bin/env bash
# Start-up benchmark: our provider against a Go baseline, both started the way
# OpenTofu starts a provider (see bench/handshake_bench.cc).
#
#   bench/run.sh [RUNS]          # default 50 runs per binary
#
# Environment:
#   BUILD_DIR     where to build our provider and the bench (default: build-bench),
#                 configured as a Release build
#   JOBS          parallel build jobs for ninja and go (default 1)
#   NULL_VERSION  version of github.com/hashicorp/terraform-provider-null to build
#                 as the baseline (default: pinned below; "main" for the newest)
#   VERS_PROVIDER our provider binary to measure (e.g. the static release binary,
#                 scripts/build-portable.sh amd64 OUT); default: build it in BUILD_DIR
#   VERS_BENCH_CACHE  where the baseline is built and kept, outside the clone
#                 (default: ${XDG_CACHE_HOME:-~/.cache}/vers-bench)
#
# Steps:
#   1. builds the baseline, hashicorp/terraform-provider-null (a
#      terraform-plugin-framework provider), from the Go module proxy with the
#      machine's Go into $VERS_BENCH_CACHE, unless that version is already there;
#   2. builds handshake_bench and, unless VERS_PROVIDER names it, terraform-provider-vers;
#   3. runs handshake_bench with both, side by side, and prints the table;
#   3b. bench/handshake_cpu.py: the CPU each spends from exec to exit (robust
#      against other load on the machine, which inflates the wall times);
#   4. says whether the goals are met: our median handshake (start to handshake
#      line) <= 5 ms, and <= 1/5 of the Go baseline's. This only reports: the
#      script exits 0 either way, and non-zero only when something fails.
#      Everything printed from step 3 on goes to bench/results/handshake_bench.txt.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=${1:-50}
build=${BUILD_DIR:-$root/build-bench}
jobs=${JOBS:-1}
tools=${VERS_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/vers-bench}
null_bin=$tools/terraform-provider-null

# The provider's v3.x tags cannot come from the module proxy: their go.mod names
# the module github.com/terraform-providers/terraform-provider-null, which does
# not match the path, so the proxy refuses those versions. A commit can still be
# fetched as a pseudo-version; this one is main on 2026-08-24, i.e. release
# 3.3.1 plus dependency updates (see the CHANGELOG.md in the module).
null_version=${NULL_VERSION:-v1.0.1-0.20260824155049-3827b35ad520}

# --- 1. The Go baseline ---
if [[ -x $null_bin && $(cat "$null_bin.version" 2>/dev/null) == "$null_version" ]]; then
  echo "bench: terraform-provider-null $null_version already at $null_bin"
else
  command -v go >/dev/null || { echo "bench: Go is needed to build the baseline" >&2; exit 1; }
  echo "bench: building terraform-provider-null $null_version from the Go module proxy"
  export GOTOOLCHAIN=local GOFLAGS=-mod=mod
  dir=$(cd "$(mktemp -d)" &&
    go mod download -json "github.com/hashicorp/terraform-provider-null@$null_version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [[ -d $dir ]] || { echo "bench: could not download terraform-provider-null@$null_version" >&2; exit 1; }
  mkdir -p "$tools"
  # Flags as HashiCorp's release builds use them (goreleaser: -trimpath, -s -w).
  (cd "$dir" && go build -p "$jobs" -trimpath -ldflags "-s -w" -o "$null_bin.tmp" .)
  mv "$null_bin.tmp" "$null_bin"
  echo "$null_version" >"$null_bin.version"
fi

# --- 2. Our provider and the bench ---
if [[ -n ${VERS_PROVIDER:-} ]]; then
  [[ -x $VERS_PROVIDER ]] || { echo "bench: VERS_PROVIDER=$VERS_PROVIDER is not an executable" >&2; exit 1; }
  ours_bin=$(realpath "$VERS_PROVIDER")
  [[ -f $build/CMakeCache.txt ]] ||
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$build" -j"$jobs" handshake_bench
else
  # The normal Release build (CMake's -O3 -DNDEBUG).
  ours_bin=$build/terraform-provider-vers
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  ninja -C "$build" -j"$jobs" terraform-provider-vers handshake_bench
fi
# What was measured: a static binary has no program interpreter.
if readelf -lW "$ours_bin" | grep -q INTERP; then
  kind="dynamic, $(readelf -dW "$ours_bin" | grep -c NEEDED) direct libraries"
else
  kind=static
fi

# --- 3. Side by side ---
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$build/handshake_bench" --runs "$runs" --label vers --label null-go \
  "$ours_bin" "$null_bin" | tee "$out"
# Wall times grow with whatever else the machine runs; CPU much less so.
python3 "$root/bench/handshake_cpu.py" "$runs" "vers=$ours_bin" \
  "null-go=$null_bin" | tee -a "$out"

# --- 4. Goals ---
median() { sed -n "s/^RESULT $1 .*handshake_ms=\([0-9.]*\).*/\1/p" "$out"; }
ours=$(median vers)
theirs=$(median null-go)
goals() {
  echo
  cpu() { sed -n "s/^CPU $1 median_ms=\([0-9.]*\)/\1/p" "$out"; }
  awk -v ours="$(cpu vers)" -v theirs="$(cpu null-go)" 'BEGIN {
    printf "CPU from exec to exit: %.2f ms vs %.2f ms, ratio %.3f (1/5 would be %.2f ms)\n",
      ours, theirs, ours / theirs, theirs / 5
  }'
  awk -v ours="$ours" -v theirs="$theirs" 'BEGIN {
    absolute = ours <= 5.0
    relative = ours * 5 <= theirs
    printf "goal: median handshake <= 5 ms: %s (%.2f ms)\n", absolute ? "met" : "NOT met", ours
    printf "goal: median handshake <= 1/5 of the Go baseline: %s (%.2f ms vs %.2f ms, ratio %.3f)\n",
      relative ? "met" : "NOT met", ours, theirs, ours / theirs
    printf "goals: %s\n", (absolute && relative) ? "all met" : "NOT all met"
  }'
}
{
  echo "handshake_bench  $(date -u '+%Y-%m-%d %H:%M:%S UTC')  nproc=$(nproc)  load=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "ours: $ours_bin ($kind, $(du -k "$ours_bin" | cut -f1) KiB); baseline: terraform-provider-null $null_version"
  cat "$out"
  goals
} >"$root/bench/results/handshake_bench.txt"
goals
