#!/usr/bin/env python3
"""Checks .editorconfig's rules on the tracked text files (scripts/lint.sh).

UTF-8 without CR line ends, a final newline, no trailing whitespace (except
where .editorconfig allows it: Markdown, where two spaces break a line, and
recorded benchmark output), and no tab indentation in space-indented files.
Line length is left to clang-format. Prints each offence; exits 1 if any.
"""
import fnmatch
import subprocess
import sys

KEEP_TRAILING = ["*.md", "bench/results/*"]
SPACE_INDENTED = ["*.h", "*.cc", "*.cmake", "*.sh", "*.py", "*.tf", "*.hcl", "*.json", "*.yml",
                  "*.yaml", "CMakeLists.txt"]


def matches(path, patterns):
    name = path.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(path, p) or fnmatch.fnmatch(name, p) for p in patterns)


def main():
    files = subprocess.run(["git", "ls-files", "-z"], check=True, capture_output=True).stdout
    bad = 0
    for path in filter(None, files.decode().split("\0")):
        try:
            data = open(path, "rb").read()
        except (IsADirectoryError, FileNotFoundError):
            continue
        if not data or b"\0" in data[:8192]:
            continue  # empty or binary
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            print(f"{path}: not UTF-8")
            bad += 1
            continue
        problems = []
        if "\r" in text:
            problems.append("CR line ends")
        if not text.endswith("\n"):
            problems.append("no final newline")
        lines = text.split("\n")
        if not matches(path, KEEP_TRAILING):
            trailing = [i + 1 for i, l in enumerate(lines) if l != l.rstrip(" \t")]
            if trailing:
                problems.append(f"trailing whitespace on line {trailing[0]}")
        if matches(path, SPACE_INDENTED):
            tabbed = [i + 1 for i, l in enumerate(lines) if l.startswith("\t")]
            if tabbed:
                problems.append(f"tab indentation on line {tabbed[0]}")
        for p in problems:
            print(f"{path}: {p}")
        bad += len(problems)
    print(f"editorconfig: {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
