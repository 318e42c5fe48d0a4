#!/usr/bin/python3
"""Checks recorded vers-local API calls against the Vers OpenAPI spec.

Usage: contract_check.py SPEC CALLS [--min-calls N]

CALLS is a JSON-lines file written by contract.sh; each line is an object
  {"name": what the call is for, "method": "GET", "path": "/api/v1/vm/{vm_id}",
   "url": the concrete path, "expect": the status the test meant to get,
   "status": 200, "content_type": "...", "body": the raw response body}

For every call: the path template and method must be an operation of the
spec; the status must be one the spec lists for it ("default" allows any);
where the spec gives an application/json schema for that status the body must
be JSON of that content type and validate against the schema (Draft 2020-12,
formats "uuid" and "date-time" asserted, $refs resolved against the whole
spec); a 204 must have an empty body. The status must also be the one the test
expected, so a server that answers everything with a spec-listed error cannot
pass. Prints "ok METHOD PATH STATUS" or "FAIL METHOD PATH STATUS [name]: reason"
per call and exits non-zero on any failure or if fewer than N calls were
checked.

Works with jsonschema 4.10 (Debian 12) and newer: the schema to check is
wrapped in a root that carries the spec's "components", so the spec's
"#/components/..." refs resolve without RefResolver or referencing.
"""

import argparse
import datetime
import json
import os
import re
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("contract_check: python3 module jsonschema is missing "
             "(apt-get install python3-jsonschema)")

DRAFT = "https://json-schema.org/draft/2020-12/schema"

_RFC3339 = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?"
    r"(?:[Zz]|[+-](\d{2}):(\d{2}))$")


def format_checker():
    fc = jsonschema.FormatChecker()

    # jsonschema checks date-time only when rfc3339-validator is installed
    # (it is not on Debian 12), so check RFC 3339 here.
    @fc.checks("date-time", raises=ValueError)
    def _date_time(instance):
        if not isinstance(instance, str):
            return True
        m = _RFC3339.match(instance)
        if not m:
            raise ValueError("not an RFC 3339 date-time")
        y, mo, d, h, mi, s = (int(g) for g in m.group(1, 2, 3, 4, 5, 6))
        datetime.datetime(y, mo, d, h, mi, min(s, 59))  # range checks; 60 = leap second
        if s > 60 or (m.group(8) and (int(m.group(8)) > 23 or int(m.group(9)) > 59)):
            raise ValueError("field out of range")
        return True

    return fc


def response_schema(spec, op, status):
    """Returns (declared, schema): whether the status is listed, and its
    application/json schema or None."""
    responses = op.get("responses", {})
    resp = responses.get(str(status))
    if resp is None:
        resp = responses.get(f"{str(status)[0]}XX")
    if resp is None:
        if "default" in responses:
            resp = responses["default"]
        else:
            return False, None
    if "$ref" in resp:
        resp = resolve(spec, resp["$ref"])
    content = resp.get("content") or {}
    media = content.get("application/json")
    return True, (media or {}).get("schema")


def resolve(spec, ref):
    node = spec
    for part in ref.lstrip("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def template_regex(template):
    parts = re.split(r"(\{[^}/]+\})", template)
    return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p)
                                    for p in parts) + "$")


# Statuses the real API answers although the spec does not list them, each
# with the reason we answer it too (spec_overlay.py, shared with the
# schemathesis run). Only these pass unlisted; their bodies must still be
# ErrorResponse.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from spec_overlay import KNOWN_UNLISTED  # noqa: E402


def check_call(spec, validator_cls, fc, call):
    """Returns None when the call conforms, else the reason."""
    method, path, status = call["method"].lower(), call["path"], int(call["status"])
    item = spec["paths"].get(path)
    if item is None:
        return f"path {path} is not in the spec"
    op = item.get(method)
    if op is None:
        return f"method {method.upper()} is not in the spec for {path}"
    url = call.get("url", path).split("?", 1)[0]
    if not template_regex(path).match(url):
        return f"recorded URL {url} does not match the template (test bug)"
    declared, schema = response_schema(spec, op, status)
    known = KNOWN_UNLISTED.get((method, path, status))
    if not declared and known:
        declared, schema = True, {"$ref": "#/components/schemas/ErrorResponse"}
        print(f"note: {method.upper()} {path} {status} is not in the spec: {known}")
    if not declared:
        listed = ", ".join(op.get("responses", {}))
        return f"SPEC VIOLATION: status {status} is not a response of this operation (spec lists {listed})"
    problems = []
    expect = call.get("expect")
    if expect is not None and int(expect) != status:
        problems.append(f"test expected status {expect}")
    body = call.get("body", "")
    if status == 204 and body.strip():
        problems.append(f"204 with a non-empty body: {body[:120]!r}")
    if schema is not None:
        ctype = (call.get("content_type") or "").split(";")[0].strip().lower()
        if ctype != "application/json":
            problems.append(f"SPEC VIOLATION: content type {ctype or '(none)'!r}, spec says application/json")
        try:
            doc = json.loads(body)
        except ValueError as e:
            problems.append(f"SPEC VIOLATION: body is not JSON ({e}): {body[:120]!r}")
        else:
            root = {"$schema": DRAFT, "allOf": [schema], "components": spec.get("components", {})}
            errors = sorted(validator_cls(root, format_checker=fc).iter_errors(doc),
                            key=lambda e: list(e.absolute_path))
            for e in errors:
                where = "/".join(str(p) for p in e.absolute_path) or "(body)"
                problems.append(f"SPEC VIOLATION: schema: at {where}: {e.message}")
    return "; ".join(problems) or None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("spec")
    ap.add_argument("calls")
    ap.add_argument("--min-calls", type=int, default=20)
    args = ap.parse_args()

    with open(args.spec) as f:
        spec = json.load(f)
    validator_cls = jsonschema.validators.validator_for({"$schema": DRAFT})
    if validator_cls is not getattr(jsonschema, "Draft202012Validator", None):
        sys.exit("contract_check: this jsonschema has no Draft 2020-12 validator")
    for name, schema in spec.get("components", {}).get("schemas", {}).items():
        try:
            validator_cls.check_schema(schema)
        except jsonschema.exceptions.SchemaError as e:
            sys.exit(f"contract_check: spec schema {name} is not valid JSON Schema: {e.message}")
    fc = format_checker()

    calls = []
    with open(args.calls) as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    calls.append(json.loads(line))
                except ValueError as e:
                    sys.exit(f"contract_check: {args.calls}:{n}: bad record: {e}")

    failed = 0
    operations = set()
    for call in calls:
        label = f"{call['method']} {call['path']} {call['status']}"
        reason = check_call(spec, validator_cls, fc, call)
        operations.add((call["method"], call["path"]))
        if reason is None:
            print(f"ok {label}")
        else:
            failed += 1
            print(f"FAIL {label} [{call.get('name', '')}]: {reason}")

    print(f"{len(calls)} calls over {len(operations)} operations checked, {failed} failed")
    if len(calls) < args.min_calls:
        print(f"FAIL: only {len(calls)} calls recorded, need at least {args.min_calls}")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
