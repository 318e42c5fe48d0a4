#!/usr/bin/env bash
# Static checks, run by scripts/test.sh (so in CI) and by hand:
#   1. .editorconfig's rules on every tracked text file (UTF-8 without CR,
#      a final newline, no trailing whitespace where it is not allowed, no
#      tab indentation in space-indented files);
#   2. clang-format: every C++ file as .clang-format writes it;
#   3. tools/contract_coverage.py --check: every public declaration of the
#      headers of src/plugin, src/client, src/ssh and src/base has a contract
#      comment;
#   4. clang-tidy with .clang-tidy's checks, and clang's -Wthread-safety
#      analysis of the GUARDED_BY/REQUIRES annotations, on every .cc file of
#      src/ (and through them the headers of src/), as compiled in BUILD's
#      compile_commands.json (BUILD must have been configured and its
#      generated headers built: scripts/test.sh lints after its build).
#
#   scripts/lint.sh [BUILD]     # BUILD defaults to build
# clang-tidy's results are cached in ~/.cache/vers-lint by a hash of each
# file's preprocessed text and the check set (tools/tidy_sources.py), so a
# warm run re-checks only what changed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${1:-build}
jobs=${JOBS:-2}
fail=0

echo "-- editorconfig"
python3 tools/editorconfig_check.py || fail=1

echo "-- clang-format"
if ! git ls-files -z '*.h' '*.cc' | xargs -0 clang-format --dry-run -Werror 2>/tmp/lint-format.$$; then
  grep 'error:' /tmp/lint-format.$$ | sed 's/: error:.*//' | sort -u | sed 's/^/needs clang-format: /'
  fail=1
fi
rm -f /tmp/lint-format.$$

echo "-- contract comments in public headers"
python3 tools/contract_coverage.py --check src/plugin src/client src/ssh src/base || fail=1

echo "-- clang-tidy (.clang-tidy) and -Wthread-safety"
[ -f "$build/compile_commands.json" ] || { echo "lint: no $build/compile_commands.json" >&2; exit 1; }
command -v clang-tidy >/dev/null || { echo "lint: clang-tidy is missing (scripts/setup.sh)" >&2; exit 1; }
python3 tools/tidy_sources.py "$build" "$jobs" || fail=1

if [ "$fail" != 0 ]; then
  echo "lint: FAILED" >&2
  exit 1
fi
echo "lint: clean"
