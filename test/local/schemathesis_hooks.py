"""Checks for test/local/schemathesis.sh, loaded through SCHEMATHESIS_HOOKS.

The real API answers one 5xx on purpose: POST /vm/{vm_id}/commit with a
commit_id that is already taken. The orchestrator inserts the commit's row
under the requested id first and turns the failed insert into 500
(CommitVMError::Db => INTERNAL_SERVER_ERROR in its commit_vm handler; the spec
lists 500 and no 409 for the operation). vers-local answers the same, so for
that one operation the built-in not_a_server_error is replaced by this check,
which allows exactly that answer and fails every other 5xx.

The operations that act inside a VM (exec_vm, exec_vm_stream,
exec_vm_stream_attach, write_file_vm, read_file_vm) answer 500 for what Vers's in-VM agent
reports as an error of the command or file itself (its handlers:
INVALID_COMMAND "Command cannot be empty", SPAWN_ERROR "Failed to spawn
process", TIMEOUT "Command timed out after N seconds", EXEC_ID_IN_USE
"... already exists", CURSOR_TOO_OLD "Requested cursor ...", WRITE_ERROR
"Failed to write file", DIR_ERROR "Failed to create parent directories"; and
any failure to read a file, which Vers's server's read handler answers with
500 and vers-local words "Failed to read file"),
and for a VM that is not running; the spec gives these operations no error
answer but 401/403/404/500. Exactly those answers are allowed for them.
"""
import schemathesis


@schemathesis.check
def no_server_error_but_a_taken_commit_id(ctx, response, case):
    if response.status_code < 500:
        return None
    taken = (
        case.method.upper() == "POST"
        and case.path == "/api/v1/vm/{vm_id}/commit"
        and response.status_code == 500
        and isinstance(case.body, dict)
        and case.body.get("commit_id")
        and "already exists" in response.text
        and str(case.body["commit_id"]) in response.text
    )
    if taken:
        return None
    agent_errors = (
        "Command cannot be empty",
        "Failed to spawn process",
        "Command timed out after",
        "already exists",
        "Requested cursor",
        "Failed to write file",
        "Failed to create parent directories",
        "Failed to read file",
        "cannot run commands",
    )
    in_vm = case.path in (
        "/api/v1/vm/{vm_id}/exec",
        "/api/v1/vm/{vm_id}/exec/stream",
        "/api/v1/vm/{vm_id}/exec/stream/attach",
        "/api/v1/vm/{vm_id}/files",
    )
    if in_vm and response.status_code == 500 and any(e in response.text for e in agent_errors):
        return None
    raise AssertionError(f"server error {response.status_code}: {response.text[:300]}")
