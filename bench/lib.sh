# Set-up shared by the benchmarks that drive OpenTofu against vers-local.
# Source it after setting `build` (a dir holding terraform-provider-vers and
# src/local/vers-local) and `tofu_bin`, then:
#
#   VERS_PROVIDER=PATH  measure that provider binary (e.g. the static release
#                       binary of scripts/build-portable.sh) instead of
#                       $build/terraform-provider-vers
#
#   bench_work NAME    $work with bin/, plugins/ and tf/; removed at exit
#   bench_vers_local   vers-local started (with $VERS_LOCAL_ARGS after `serve
#                      --data-dir DIR`, e.g. "--max-requests-per-connection 5");
#                      VERS_API_KEY, VERS_BASE_URL,
#                      VERS_VM_DOMAIN and VERS_SSH_TLS_PORT exported, $ca set,
#                      counters() defined
#
# The provider runs through a wrapper that appends its rusage (and the
# wrapper's own CPU, to take out of its parent's) to $VERS_BENCH_RUSAGE when
# that is set, and runs it under `perf record --call-graph dwarf` into
# $VERS_BENCH_PERF_DIR/perf.<pid>.data when that is set.
#
#   bench_tree_cpu FILE CMD...   runs CMD; writes the user+sys CPU seconds of
#                                CMD and every process it waited for to FILE

bench_work() {
  provider_bin=${VERS_PROVIDER:-$build/terraform-provider-vers}
  for f in "$provider_bin" "$build/src/local/vers-local" "$tofu_bin"; do
    [ -x "$f" ] || { echo "missing: $f" >&2; exit 1; }
  done
  work=$(mktemp -d "${TMPDIR:-/tmp}/vers-$1-bench-XXXXXX")
  vl_pid=
  trap bench_cleanup EXIT
  # Private copies of the binaries: the build dir may be rebuilt while we
  # run, and a running executable there could get in the way of the linker.
  mkdir -p "$work/bin" "$work/plugins" "$work/tf"
  cp "$provider_bin" "$work/bin/terraform-provider-vers"
  cp "$build/src/local/vers-local" "$work/bin/"
  # The provider is a child of tofu, so its rusage is not ours to read. The
  # dev_overrides dir holds a wrapper that runs the real provider as its
  # child with stdio inherited (go-plugin reads the handshake line from
  # stdout), forwards SIGINT/SIGTERM and records the child's rusage.
  cat >"$work/plugins/terraform-provider-vers" <<PY
#!/usr/bin/env python3
import json, os, resource, signal, subprocess, sys, threading, time
cmd = ["$work/bin/terraform-provider-vers"] + sys.argv[1:]
if os.environ.get("VERS_BENCH_PERF_DIR"):
    out = os.path.join(os.environ["VERS_BENCH_PERF_DIR"], "perf.%d.data" % os.getpid())
    cmd = ["perf", "record", "-q", "--call-graph", "dwarf,16384", "-F", "1000", "-o", out, "--"] + cmd
child = subprocess.Popen(cmd)
for s in (signal.SIGINT, signal.SIGTERM):
    signal.signal(s, lambda n, _f: child.send_signal(n))
# Peak RSS from the child's own VmHWM, sampled every 20 ms: rusage's maxrss
# includes this Python's RSS (Popen's vfork, then exec records the old mm's).
# RssAnon's peak is the private part (the rest: the binary's file pages).
hwm, anon = [0], [0]
def sample_hwm():
    while child.poll() is None:
        try:
            with open("/proc/%d/status" % child.pid) as f:
                for row in f:
                    if row.startswith("VmHWM:"):
                        hwm[0] = max(hwm[0], int(row.split()[1]))
                    elif row.startswith("RssAnon:"):
                        anon[0] = max(anon[0], int(row.split()[1]))
        except OSError:
            break
        time.sleep(0.02)
threading.Thread(target=sample_hwm, daemon=True).start()
rc = child.wait()
r = resource.getrusage(resource.RUSAGE_CHILDREN)
me = resource.getrusage(resource.RUSAGE_SELF)
if os.environ.get("VERS_BENCH_RUSAGE"):
    with open(os.environ["VERS_BENCH_RUSAGE"], "a") as f:
        f.write(json.dumps({"utime": r.ru_utime, "stime": r.ru_stime, "maxrss_kib": hwm[0] or r.ru_maxrss,
                            "rusage_maxrss_kib": r.ru_maxrss, "anon_kib": anon[0],
                            "wrapper_cpu": me.ru_utime + me.ru_stime}) + "\n")
sys.exit(rc if rc >= 0 else 128 - rc)
PY
  chmod +x "$work/plugins/terraform-provider-vers"
  cat >"$work/cli.tfrc" <<CFG
provider_installation {
  dev_overrides { "hdr/vers" = "$work/plugins" }
  direct {}
}
CFG
  export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  unset TF_LOG TF_LOG_PROVIDER TF_LOG_PATH VERS_API_KEY VERS_BASE_URL VERS_VM_DOMAIN VERS_SSH_TLS_PORT
}

bench_cleanup() {
  # Stopping vers-local with SIGTERM also stops its VMs.
  if [ -n "$vl_pid" ]; then kill -TERM "$vl_pid" 2>/dev/null && wait "$vl_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}

# One line on what is measured, for the benches' result files: the provider
# binary (static or dynamic, size) and the machine's load.
bench_subject() {
  local kind=static
  if readelf -lW "$provider_bin" | grep -q INTERP; then
    kind="dynamic, $(readelf -dW "$provider_bin" | grep -c NEEDED) direct libraries"
  fi
  echo "provider: $provider_bin ($kind, $(du -k "$provider_bin" | cut -f1) KiB)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_vers_local() {
  # shellcheck disable=SC2086 # VERS_LOCAL_ARGS is a list of words
  "$work/bin/vers-local" serve --data-dir "$work/data" ${VERS_LOCAL_ARGS:-} >"$work/ready.json" \
    2>"$work/vers-local.log" &
  vl_pid=$!
  for _ in $(seq 1 300); do  # its one-line JSON "ready" message
    [ -s "$work/ready.json" ] && break
    kill -0 "$vl_pid" 2>/dev/null || break
    sleep 0.05
  done
  [ -s "$work/ready.json" ] || { echo "vers-local did not start:" >&2; cat "$work/vers-local.log" >&2; exit 1; }
  export VERS_API_KEY VERS_BASE_URL VERS_VM_DOMAIN VERS_SSH_TLS_PORT
  VERS_API_KEY=$(bench_field api_key) VERS_BASE_URL=$(bench_field base_url)
  VERS_VM_DOMAIN=$(bench_field vm_domain) VERS_SSH_TLS_PORT=$(bench_field ssh_tls_port)
  ca=$(bench_field ca_cert_file)
}

bench_field() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$work/ready.json" "$1"
}

counters() {  # "vms commits tags"
  curl -sS --fail --cacert "$ca" -H "Authorization: Bearer $VERS_API_KEY" "${VERS_BASE_URL%/api/v1}/_admin/counters" |
    python3 -c 'import json,sys; c=json.load(sys.stdin); print(c["vms"], c["commits"], c["tags"])'
}

bench_tree_cpu() {
  python3 -c '
import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
r = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{r.ru_utime + r.ru_stime:.3f}\n")
sys.exit(rc)' "$@"
}
