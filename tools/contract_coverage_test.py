#!/usr/bin/env python3
"""Checks tools/contract_coverage.py's counting rules on small headers.

Run by ctest ("tools: contract_coverage rules"). Each case is a header and the
line numbers the tool must report as uncovered; --check must fail exactly
when there is one.
"""
import os
import re
import subprocess
import sys
import tempfile

TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "contract_coverage.py")

CASES = [
    # A class's public members count (an earlier version never switched a
    # class to its public part, and so counted none of them); private ones
    # do not.
    ("class_members", """// Widget: a thing.
#pragma once
namespace n {
class Widget {
 public:
  Widget();
  // Documented.
  int Size() const;

 private:
  int Hidden();
};
}  // namespace n
""", [6]),
    # Overrides and deleted/defaulted members take their contract elsewhere.
    ("overrides", """// Impl: implements Base.
#pragma once
class Impl : public Base {
 public:
  Impl(const Impl&) = delete;
  int Run() override;
  void Stop() const override {}
};
""", []),
    # An explicit specialization is counted, its members are not.
    ("specialization", """#pragma once
template <typename T>
struct Codec;  // primary template
// int.
template <>
struct Codec<int> {
  static int Decode(const char* s);
};
template <>
struct Codec<bool> {
  static bool Decode(const char* s);
};
""", [9]),
    # One comment covers a run of one-liners; a blank line ends the run.
    ("groups", """#pragma once
// Accessors.
int A();
int B();

int C();
""", [6]),
]


def run(path, *flags):
    return subprocess.run([sys.executable, TOOL, *flags, path], capture_output=True, text=True)


def main():
    failures = 0
    with tempfile.TemporaryDirectory() as d:
        for name, text, want in CASES:
            path = os.path.join(d, name + ".h")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            r = run(path, "--check")
            got = [int(m.group(1)) for m in re.finditer(r"^" + re.escape(path) + r":(\d+): ",
                                                         r.stdout, re.MULTILINE)]
            want_rc = 1 if want else 0
            if got != want or r.returncode != want_rc:
                print(f"{name}: uncovered lines {got} (want {want}), exit {r.returncode} "
                      f"(want {want_rc})\n{r.stdout}{r.stderr}")
                failures += 1
    print(f"contract_coverage_test: {len(CASES) - failures}/{len(CASES)} cases pass")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
