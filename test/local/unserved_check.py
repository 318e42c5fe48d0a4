#!/usr/bin/python3
"""Checks what vers-local does with every operation of the Vers spec.

Usage: unserved_check.py SPEC ORIGIN API_KEY CA_FILE UNSERVED_OUT

Sends each operation of SPEC one request (path parameters filled with a
random UUID or a name, a {} body where the operation takes one) and checks:
an operation vers-local does not serve answers 501 with an ErrorResponse
whose error names its operationId, method and path; every other operation
answers something else than 501, 405 or "no such route". The operations of
EXPECTED_SERVED must be served and no other, so that neither a route that
vanishes nor a catch-all that swallows one goes unnoticed. Writes the
operationIds of the unserved operations to UNSERVED_OUT (one per line) for
schemathesis to leave out. Prints one line per
operation; exits non-zero on any failure.
"""

import json
import re
import ssl
import sys
import urllib.error
import urllib.request

# What vers-local serves: the API the provider uses (README "vers-local").
EXPECTED_SERVED = {
    "list_tags", "create_tag", "get_tag", "delete_tag", "update_tag", "list_commits",
    "list_public_commits", "delete_commit", "update_commit", "validate_key", "version_handler",
    "list_vms", "branch_by_commit", "branch_by_tag", "branch_by_vm", "list_parent_commits",
    "restore_from_commit", "create_new_root_vm", "delete_vm", "commit_vm", "resize_vm_disk",
    "label_vm", "get_vm_metadata", "ssh_key", "update_vm_state", "vm_status", "branch_vm",
    # Repositories (issue 15, item 1).
    "list_repositories", "create_repository", "fork_repository", "get_repository",
    "delete_repository", "list_repo_tags", "create_repo_tag", "get_repo_tag", "delete_repo_tag",
    "update_repo_tag", "set_repository_visibility", "list_public_repositories",
    "get_public_repository", "list_public_repo_tags", "get_public_repo_tag", "branch_by_ref",
    # Base images (issue 15, item 2).
    "list_images", "create_image", "upload_image", "get_image_status", "delete_image",
    # Account settings (issue 15, item 5).
    "list_env_vars", "set_env_vars", "delete_env_var", "list_domains", "create_domain",
    "get_domain", "delete_domain",
    # Provisioning without SSH (issue 15, item 3).
    "exec_vm", "exec_vm_stream", "exec_vm_stream_attach", "write_file_vm",
    # vers_vm_file reads a file back for drift (issue 14's new resource).
    "read_file_vm",
}
PROBE_ID = "00000000-0000-4000-8000-00000000beef"


def main():
    spec_path, origin, key, ca, unserved_out = sys.argv[1:6]
    with open(spec_path) as f:
        spec = json.load(f)
    tls = ssl.create_default_context(cafile=ca)
    failed, served, unserved = 0, set(), []
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in ("get", "put", "post", "patch", "delete"):
                continue
            op_id = op["operationId"]
            url = origin + re.sub(r"\{[^}]+\}", lambda m: PROBE_ID if m.group(0).endswith("id}") else "probe", path)
            body = b"{}" if "requestBody" in op else None
            req = urllib.request.Request(url, data=body, method=method.upper())
            req.add_header("Authorization", "Bearer " + key)
            if body is not None:
                req.add_header("Content-Type", "application/json")
            try:
                with urllib.request.urlopen(req, context=tls, timeout=60) as r:
                    status, text = r.status, r.read().decode()
            except urllib.error.HTTPError as e:
                status, text = e.code, e.read().decode()
            problem = None
            if status == 501:
                unserved.append(op_id)
                try:
                    error = json.loads(text).get("error", "")
                except ValueError:
                    error = ""
                wanted = f"{op_id} ({method.upper()} {path})"
                if wanted not in error:
                    problem = f"501 without an error naming {wanted}: {text[:200]!r}"
                elif op_id in EXPECTED_SERVED:
                    problem = "vers-local serves this operation, but it answered 501"
            else:
                served.add(op_id)
                if status == 405 or "no such route" in text:
                    problem = f"a spec operation answered {status} {text[:200]!r}"
                elif op_id not in EXPECTED_SERVED:
                    problem = (f"answered {status}, not 501: serves it now? then add it to "
                               "EXPECTED_SERVED and let schemathesis test it")
            label = f"{method.upper()} {path} ({op_id}) -> {status}"
            if problem:
                failed += 1
                print(f"FAIL {label}: {problem}")
            else:
                print(f"ok {label}")
    missing = EXPECTED_SERVED - served
    if missing:
        failed += 1
        print(f"FAIL expected served but not: {sorted(missing)}")
    with open(unserved_out, "w") as f:
        f.write("".join(u + "\n" for u in unserved))
    print(f"{len(served)} served and {len(unserved)} unserved operations checked, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
