#!/usr/bin/env python3
"""Where a provider's CPU went, from the `perf record --call-graph dwarf` files
that bench/lib.sh writes with VERS_BENCH_PERF_DIR (PROFILE_DIR of the benches).

  bench/perf_breakdown.py DIR

Each sample (every thread of every provider run) is put in the first category
its call stack matches, in this order: loader (dynamic loading, relocation,
lazy binding, static initialisers), serve start (server key and certificate,
gRPC server start), http (libcurl), ssh/sftp (libssh, provisioning), rpc handling
(our tfplugin6 handlers), grpc transport, exit; the rest is "other".
Prints samples (1 ms each at perf's -F 1000) and shares per category.
"""
import collections
import glob
import os
import re
import subprocess
import sys

CATEGORIES = [
    ("loader + static init", lambda ns: any(n in LOADER for n in ns)),
    ("serve start (key, cert, gRPC server)",
     lambda ns: any(k in n for n in ns for k in ("GenerateSelfSignedCert", "BuildAndStart",
                                                 "InsecureServerCredentials"))),
    ("http (libcurl, TLS)", lambda ns: any("curl" in n for n in ns)),
    ("ssh/sftp (provisioning)", lambda ns: any(k in n for n in ns for k in ("ssh_", "sftp", "vers::ssh::"))),
    ("rpc handling (ours)", lambda ns: any("ProviderService::" in n for n in ns)),
    ("grpc transport", lambda ns: any("grpc" in n for n in ns)),
    ("exit", lambda ns: any(n in ("exit", "__run_exit_handlers", "_dl_fini") for n in ns)),
]
LOADER = {"dl_main", "_dl_start", "_dl_relocate_object", "_dl_map_object", "_dl_fixup",
          "call_init", "_dl_init"}


def frames(sample):
    for line in sample.strip().split("\n")[1:]:
        sym = re.sub(r"^\S+\s+", "", line.strip()).split(" (")[0]
        yield re.sub(r"\+0x[0-9a-f]+$", "", sym)


def main():
    total = collections.Counter()
    runs = sorted(glob.glob(os.path.join(sys.argv[1], "perf.*.data")))
    for path in runs:
        out = subprocess.run(["perf", "script", "-i", path], capture_output=True, text=True).stdout
        for sample in filter(str.strip, out.split("\n\n")):
            if sample.lstrip().startswith("perf "):
                continue  # perf's own start-up before it execs the provider
            names = list(frames(sample))
            total[next((c for c, match in CATEGORIES if match(names)), "other")] += 1
    n = sum(total.values())
    print(f"{len(runs)} provider runs, {n} samples")
    for category, count in total.most_common():
        print(f"  {category:40s} {count:6d}  {100 * count / n:5.1f}%")


if __name__ == "__main__":
    main()
