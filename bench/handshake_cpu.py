#!/usr/bin/env python3
"""CPU (user+sys) a provider binary spends from exec to its exit, started as
OpenTofu starts it (go-plugin's environment with a client certificate) and
stopped with SIGTERM as soon as it has printed its handshake line. Unlike
handshake_bench's wall times, this does not grow with other load on the
machine.

  bench/handshake_cpu.py RUNS LABEL=BINARY [LABEL=BINARY ...]

Each binary runs from a private copy (cp), so that all are in the page cache
alike: a file just written by a linker or strip may sit there in large folios
that the kernel maps whole, which inflates the RSS of that one binary only.
Runs are interleaved, after one warm-up run each. Prints per binary the
median and min in ms, its median peak RSS up to the handshake (VmHWM) and its
anonymous (private) resident memory there, the ratio of the
first binary's medians to each other's, and "CPU <label> median_ms=..." lines
for scripts.
"""
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile

COOKIE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"


def client_cert():
    # go-plugin's client makes an ECDSA P-521 certificate for "localhost".
    with tempfile.TemporaryDirectory() as d:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                        "ec_paramgen_curve:P-521", "-nodes", "-keyout", f"{d}/k.pem",
                        "-out", f"{d}/c.pem", "-subj", "/O=HashiCorp/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost", "-days", "1"],
                       check=True, capture_output=True)
        return open(f"{d}/c.pem").read()


def one_run(binary, env):
    p = subprocess.Popen([binary], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    line = p.stdout.readline()
    if not line.startswith(b"1|"):
        p.kill()
        sys.exit(f"{binary}: no handshake line ({line!r})")
    peak = status_mib(p.pid, "VmHWM:")
    anon = status_mib(p.pid, "RssAnon:")
    p.send_signal(signal.SIGTERM)
    _, _, ru = os.wait4(p.pid, 0)
    return (ru.ru_utime + ru.ru_stime) * 1000, peak, anon


def status_mib(pid, field):
    # VmHWM, not rusage's ru_maxrss: Popen starts the child with vfork, and
    # exec records the RSS of the mm it leaves (this Python's, ~14 MiB) in
    # ru_maxrss, which floors every figure. VmHWM is the new program's own
    # peak. RssAnon is its private part: the rest are the binary's file
    # pages, clean, shared with the page cache and mapped in fault-around
    # windows (see results/perf_notes.md).
    with open(f"/proc/{pid}/status") as f:
        for row in f:
            if row.startswith(field):
                return int(row.split()[1]) / 1024
    return 0.0


def main():
    runs = int(sys.argv[1])
    copies = tempfile.mkdtemp(prefix="handshake-cpu-")
    subjects = []
    for i, arg in enumerate(sys.argv[2:]):
        label, binary = arg.split("=", 1)
        subjects.append((label, shutil.copy(binary, os.path.join(copies, f"{i}-{os.path.basename(binary)}"))))
    env = dict(os.environ, TF_PLUGIN_MAGIC_COOKIE=COOKIE, PLUGIN_PROTOCOL_VERSIONS="5,6",
               PLUGIN_MIN_PORT="10000", PLUGIN_MAX_PORT="25000", PLUGIN_CLIENT_CERT=client_cert())
    cpu = {label: [] for label, _ in subjects}
    rss = {label: [] for label, _ in subjects}
    anon = {label: [] for label, _ in subjects}
    for i in range(runs + 1):
        for label, binary in subjects:
            ms, mib, anon_mib = one_run(binary, env)
            if i > 0:
                cpu[label].append(ms)
                rss[label].append(mib)
                anon[label].append(anon_mib)
    first = subjects[0][0]
    med = statistics.median
    print(f"CPU from exec to exit (user+sys, {runs} interleaved runs), peak RSS:")
    for label, _ in subjects:
        print(f"  {label:10s} median {med(cpu[label]):7.2f} ms   min {min(cpu[label]):7.2f} ms"
              f"   peak RSS median {med(rss[label]):6.1f} MiB"
              f" (anonymous {med(anon[label]):5.1f} MiB)")
    for label, _ in subjects[1:]:
        print(f"ratio of medians, {first} / {label}: CPU {med(cpu[first]) / med(cpu[label]):.3f}"
              f", peak RSS {med(rss[first]) / med(rss[label]):.3f}")
    for label, _ in subjects:
        print(f"CPU {label} median_ms={statistics.median(cpu[label]):.3f}")
    shutil.rmtree(copies)


if __name__ == "__main__":
    main()
