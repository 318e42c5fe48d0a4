#!/usr/bin/env python3
"""Share of public declarations in C++ headers that carry a contract comment.

Usage: tools/contract_coverage.py [--list] [--check] DIR_OR_HEADER...

--check lists the uncovered declarations and exits 1 if there is any:
scripts/lint.sh runs it over src/plugin, src/client, src/ssh and src/base.

A public declaration is a statement at namespace scope, or in the public part
of a class or struct: a function, type, alias, constant or data member
(forward declarations, `= delete`/`= default` members, `override`s and the
members of an explicit specialization, whose contract is their base's or
primary template's, friends, access specifiers and enumerators are not
counted). It is covered when a `//` comment
ends on the line above it (a template<...> line is skipped), when one of its
lines has a trailing `//` comment, when it is a class that the file's leading
comment introduces by name ("// ClaimedVms: ..."), or when it directly follows (no blank line)
a covered one-line declaration: one comment may introduce a group of related
one-liners. A heuristic without a C++ parser; --list prints what it counts as
uncovered, to check it.
"""
import os
import re
import sys


def headers(paths):
    for p in paths:
        if os.path.isdir(p):
            for root, _, files in os.walk(p):
                for f in sorted(files):
                    if f.endswith(".h"):
                        yield os.path.join(root, f)
        else:
            yield p


def code_of(line):
    """The line without // comments and string/char literals (for brace counting)."""
    out, i, quote = [], 0, None
    while i < len(line):
        c = line[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
            i += 1
            continue
        if c in "\"'":
            if c == "'" and i > 0 and line[i - 1].isalnum():  # digit separator
                i += 1
                continue
            quote = c
            i += 1
            continue
        if line.startswith("//", i):
            break
        out.append(c)
        i += 1
    return "".join(out)


SKIP = re.compile(r"^\s*(#|namespace\b|}|using namespace\b|public:|private:|protected:|friend\b|"
                  r"static_assert\b|extern \"C\"|template\s*<[^>]*>\s*$)")
FORWARD = re.compile(r"^\s*(template\s*<.*>\s*)?(class|struct|union)\s+\w+\s*;")


def scan(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    decls = []  # (line index, covered, one_line, text)
    # Scope stack: "ns", "class-public", "class-private", "skip".
    stack = []
    in_block_comment = False
    stmt = None  # [start, text, has_trailing_comment]
    prev_decl_end = None  # (end index, covered, one_line) of the last declaration
    in_macro = False
    for i, raw in enumerate(lines):
        s = raw.strip()
        if in_macro or (s.startswith("#") and stmt is None):
            in_macro = s.endswith("\\")
            continue
        if in_block_comment:
            if "*/" in s:
                in_block_comment = False
            continue
        if s.startswith("/*") and "*/" not in s:
            in_block_comment = True
            continue
        scope = stack[-1] if stack else "ns"
        code = code_of(raw)
        counted_scope = scope in ("ns", "class-public")
        # An access specifier switches a class's scope, whichever part it ends.
        if stmt is None and scope.startswith("class-") and re.match(r"^\s*(public|private|protected):", code):
            stack[-1] = "class-public" if code.strip().startswith("public") else "class-private"
            continue
        if stmt is None and code.strip() and counted_scope and not s.startswith("//"):
            stmt = [i, "", False]
        if stmt is not None:
            stmt[1] += " " + code.strip()
            if "//" in raw and code.strip():
                stmt[2] = True
        # Walk the braces of this line.
        for c in code:
            if c == "{":
                if stmt is not None and scope in ("ns", "class-public", "class-private"):
                    head = stmt[1]
                    if re.match(r"^\s*(inline\s+)?namespace\b", head) or head.strip().startswith('extern "C"'):
                        kind = "ns"
                    elif re.match(r"^\s*template\s*<\s*>\s*(class|struct|union)\b", head):
                        kind = "spec"  # members: the primary template's contract
                    elif re.match(r"^\s*(template\s*<.*>\s*)?(class|struct|union)\b[^(]*$", head.split("{")[0]):
                        kind = "class-private" if re.search(r"\bclass\b", head.split("{")[0]) else "class-public"
                    else:
                        kind = "skip"  # function body, enum, initializer
                    finish(decls, stmt, i, lines, scope, prev_decl_end)
                    prev_decl_end = decls[-1][4] if decls and decls[-1][0] == stmt[0] else prev_decl_end
                    stmt = None
                    stack.append(kind)
                    scope = kind
                else:
                    stack.append("skip")
                    scope = "skip"
            elif c == "}":
                if stack:
                    stack.pop()
                scope = stack[-1] if stack else "ns"
            elif c == ";" and stmt is not None and scope in ("ns", "class-public", "class-private"):
                finish(decls, stmt, i, lines, scope, prev_decl_end)
                if decls and decls[-1][0] == stmt[0]:
                    prev_decl_end = decls[-1][4]
                stmt = None
        if not s and stmt is None:
            prev_decl_end = None  # a blank line ends a group
    return [(d[0], d[1], d[3]) for d in decls]


def finish(decls, stmt, end, lines, scope, prev):
    start, text, trailing = stmt
    head = text.strip()
    if scope == "class-private" or not head or SKIP.match(head) or FORWARD.match(head):
        return
    if "= delete" in head or "= default" in head or head in (";",):
        return
    # An override's contract is its base class's declaration.
    if re.search(r"\boverride\b\s*(;|\{|$)", head):
        return
    j = start - 1
    if j >= 0 and re.match(r"^\s*template\s*<", lines[j]):
        j -= 1
    above = lines[j].strip() if j >= 0 else ""
    covered = trailing or above.startswith("//") or above.endswith("*/")
    # A class that the file's leading comment introduces by name
    # ("// ClaimedVms: the VMs ...") has its contract there.
    m = re.match(r"^(?:template\s*<.*>\s*)?(?:class|struct)\s+(?:\[\[\w+\]\]\s+)?(\w+)", head)
    if not covered and m:
        lead = []
        for l in lines:
            if not l.startswith("//"):
                break
            lead.append(l)
        covered = any(re.match(r"^//\s*" + m.group(1) + r"\b[^.]*:", l) for l in lead[:3])
    one_line = start == end
    if not covered and prev is not None:
        p_end, p_covered, p_one = prev
        if p_end == start - 1 and p_covered and p_one:
            covered = True
    decls.append((start, covered, one_line, head[:90], (end, covered, one_line)))


def main(argv):
    show = "--list" in argv
    check = "--check" in argv
    paths = [a for a in argv if a not in ("--list", "--check")]
    total = covered = 0
    for h in headers(paths):
        for line, ok, text in scan(h):
            total += 1
            covered += ok
            if (show or check) and not ok:
                print(f"{h}:{line + 1}: {text}")
    pct = 100.0 * covered / total if total else 100.0
    print(f"{' '.join(paths)}: {covered}/{total} public declarations commented ({pct:.0f}%)")
    if check and covered < total:
        print(f"contract_coverage: {total - covered} public declarations above have no contract comment",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
