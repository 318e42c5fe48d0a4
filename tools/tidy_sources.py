#!/usr/bin/env python3
"""Runs clang-tidy (.clang-tidy's checks, plus clang's -Wthread-safety) on
every .cc file under src/, as BUILD/compile_commands.json compiles it.

In a unity build (-DVERS_UNITY=ON, cmake/unity.cmake) that database names
the generated batches (vers_unity/TARGET_N.cc), not the sources: each
batch's entry is expanded into one entry per source it
includes, with the batch's flags, and clang-tidy reads that database
(BUILD/lint/compile_commands.json), so every file is still checked alone.

Usage: tools/tidy_sources.py BUILD [JOBS]

A file already found clean is skipped while its preprocessed text (so also
every header it includes; the clone's own path left out, so that a clone
elsewhere hits too), .clang-tidy and clang-tidy's version are unchanged: the
cache is ~/.cache/vers-lint. Prints the findings; exits 1 if
any file is not clean.
"""
import concurrent.futures
import hashlib
import json
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXTRA = ["-Wthread-safety", "-Wno-unknown-warning-option"]


UNITY_SOURCE = re.compile(r"/vers_unity/[^/]+_\d+\.cc$")
CMAKE_UNITY_SOURCE = re.compile(r"/Unity/unity_\d+_cxx\.cxx$")
UNITY_INCLUDE = re.compile(r'^#include "(.+)"$', re.M)


def per_source(entries):
    """`entries` with each unity batch replaced by one entry per source of the
    batch: its command with the batch's path replaced by the source's."""
    out = []
    for e in entries:
        batch = os.path.abspath(os.path.join(e["directory"], e["file"]))
        if CMAKE_UNITY_SOURCE.search(batch):
            sys.exit(f"lint: {batch} is a batch of CMake's UNITY_BUILD, which includes each source by "
                     "its absolute path (so ccache misses in a clone at another path); "
                     "VERS_UNITY (cmake/unity.cmake) writes relocatable batches instead")
        if not UNITY_SOURCE.search(batch):
            out.append(e)
            continue
        args = e.get("arguments") or shlex.split(e["command"])
        for inc in UNITY_INCLUDE.findall(open(batch).read()):
            src = os.path.normpath(os.path.join(os.path.dirname(batch), inc))
            obj = os.path.join("lint", os.path.relpath(src, ROOT) + ".o")
            one, skip = [], False
            for a in args:
                if skip:
                    one.append(obj)
                    skip = False
                elif a == "-o":
                    one.append(a)
                    skip = True
                else:
                    one.append(src if a in (e["file"], batch) else a)
            out.append({"directory": e["directory"], "arguments": one, "file": src})
    return out


def preprocess_args(entry):
    """The compile command of `entry` for clang++ -E (what the cache key hashes)."""
    args = entry.get("arguments") or shlex.split(entry["command"])
    args = [a for a in args if a != "ccache" and not a.endswith("/ccache")]
    out, skip = ["clang++"], False
    for a in args[1:]:
        if skip:
            skip = False
            continue
        if a in ("-o", "-MF", "-MT", "-MQ"):
            skip = True
            continue
        if a in ("-c", "-MD", "-MMD") or a.startswith("-W"):
            continue
        out.append(a)
    return out + ["-E", "-P", "-Wno-unknown-warning-option", "-o", "-"]


def path_independent(text, build):
    """`text` with the clone's and the build tree's absolute paths replaced by
    placeholders: __FILE__ in headers (protobuf's generated .pb.h checks, for
    one) expands to them even with -P, and the key must match in a clone at
    another path (a CI run) when the sources are the same."""
    return text.replace(build.encode(), b"<build>").replace(ROOT.encode(), b"<root>")


def check(entry, build, db, cache, salt):
    src = entry["file"]
    pre = subprocess.run(preprocess_args(entry), cwd=entry["directory"], capture_output=True)
    text = path_independent(pre.stdout, build)
    key = hashlib.sha256(salt + text + os.path.relpath(src, ROOT).encode()).hexdigest()[:32]
    stamp = os.path.join(cache, key)
    if pre.returncode == 0 and os.path.exists(stamp):
        return src, True, "", True
    cmd = ["clang-tidy", "-p", db, "--quiet"] + [f"--extra-arg={a}" for a in EXTRA] + [src]
    r = subprocess.run(cmd, capture_output=True, text=True)
    out = "\n".join(l for l in (r.stdout + r.stderr).splitlines()
                    if "warnings generated" not in l and "Suppressed" not in l
                    and "Use -header-filter" not in l and l.strip())
    if r.returncode == 0 and "error:" not in out and "warning:" not in out:
        open(stamp, "w").close()
        return src, True, "", False
    return src, False, out, False


def main(argv):
    build = os.path.abspath(argv[1] if len(argv) > 1 else "build")
    jobs = int(argv[2]) if len(argv) > 2 else 2
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    entries = per_source(json.load(open(os.path.join(build, "compile_commands.json"))))
    db = os.path.join(build, "lint")
    os.makedirs(db, exist_ok=True)
    with open(os.path.join(db, "compile_commands.json.tmp"), "w") as f:
        json.dump(entries, f, indent=1)
    os.replace(os.path.join(db, "compile_commands.json.tmp"), os.path.join(db, "compile_commands.json"))
    srcdir = os.path.join(root, "src") + os.sep
    seen, todo = set(), []
    for e in entries:
        f = os.path.abspath(os.path.join(e["directory"], e["file"]))
        if f.startswith(srcdir) and f.endswith(".cc") and f not in seen:
            seen.add(f)
            todo.append(dict(e, file=f))
    # Outside the clone, like ccache, so that a CI run on a fresh clone
    # finds what an earlier one checked.
    cache = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "vers-lint")
    os.makedirs(cache, exist_ok=True)
    version = subprocess.run(["clang-tidy", "--version"], capture_output=True).stdout
    salt = open(os.path.join(root, ".clang-tidy"), "rb").read() + version + " ".join(EXTRA).encode()
    start, bad, cached = time.time(), 0, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        for src, ok, out, hit in pool.map(lambda e: check(e, build, db, cache, salt), todo):
            cached += hit
            if not ok:
                bad += 1
                print(out)
    print(f"clang-tidy: {len(todo)} files ({cached} unchanged since clean), {bad} not clean, "
          f"{time.time() - start:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
