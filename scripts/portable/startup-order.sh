#!/usr/bin/env bash
# startup-order.sh [ARCH]: regenerates scripts/portable/startup-order-MACHINE.ld
# (the start-up code first, see cmake/portable.cmake) from the portable build
# of ARCH (default amd64, the only one run here: callgrind runs the binary):
# builds it, runs it under callgrind from exec to its handshake line (started
# as OpenTofu starts it) and to its exit, and lists the code sections that ran
# (scripts/portable/startup-order.py). Rerun after large changes of the
# dependencies or of start-up code; commit the .ld file.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
arch=${1:-amd64}
[ "$arch" = amd64 ] || { echo "only amd64 (callgrind runs the binary)" >&2; exit 1; }
build=${VERS_PORTABLE_BUILD_DIR:-$root/build-portable/$arch}
out=$root/scripts/portable/startup-order-x86_64.ld
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The order must come from a link without it: the map then shows each
# section where the default layout puts it, and the callgrind run sees those
# addresses.
mv "$out" "$tmp/previous.ld" 2>/dev/null || true
restore() { [ -e "$out" ] || mv "$tmp/previous.ld" "$out" 2>/dev/null || true; rm -rf "$tmp"; }
trap restore EXIT
VERS_PORTABLE_BUILD_DIR=$build bash "$root/scripts/build-portable.sh" "$arch" "$tmp/stripped"
python3 - "$build/terraform-provider-vers" "$tmp/callgrind.out" <<'PY'
import os, signal, subprocess, sys, tempfile
binary, out = sys.argv[1:3]
with tempfile.TemporaryDirectory() as d:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-521",
                    "-nodes", "-keyout", f"{d}/k.pem", "-out", f"{d}/c.pem", "-subj",
                    "/O=HashiCorp/CN=localhost", "-days", "1"], check=True, capture_output=True)
    cert = open(f"{d}/c.pem").read()
env = dict(os.environ, TF_PLUGIN_MAGIC_COOKIE="d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2",
           PLUGIN_PROTOCOL_VERSIONS="5,6", PLUGIN_MIN_PORT="10000", PLUGIN_MAX_PORT="25000",
           PLUGIN_CLIENT_CERT=cert)
p = subprocess.Popen(["valgrind", "-q", "--tool=callgrind", "--dump-instr=yes",
                      f"--callgrind-out-file={out}", binary], stdout=subprocess.PIPE, env=env)
if not p.stdout.readline().startswith(b"1|"):
    sys.exit("no handshake line under callgrind")
p.send_signal(signal.SIGTERM)
p.wait()
PY
python3 "$root/scripts/portable/startup-order.py" "$build/terraform-provider-vers.map" "$tmp/callgrind.out" "$out"
echo "wrote $out" >&2
