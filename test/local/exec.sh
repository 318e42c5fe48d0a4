#!/usr/bin/env bash
# vers-local's exec and file operations against a real VM: PUT and GET /vm/{id}/files,
# POST /vm/{id}/exec, /exec/stream, /exec/stream/attach.
#
# Sources of the expected behaviour (no emulator code was consulted):
#  - the spec (orchestrator.openapi.json): VmWriteFileRequest (path,
#    content_b64, mode "Defaults to 0644 if omitted", create_dirs),
#    VmExecRequest (command argv, env, working_dir, stdin, timeout_secs
#    "0 = no timeout", exec_id), VmExecResponse (exit_code, stdout, stderr,
#    exec_id), VmExecStreamAttachRequest (cursor "resume from (exclusive)",
#    "If omitted, the full retained backlog is replayed", from_latest);
#  - Vers's server source (dto_lib chelsea_server2 vm types and its vm routes,
#    stored public files): the stream is application/x-ndjson, one
#    VmExecStreamEvent per line, {"type":"chunk",exec_id,cursor,stream,
#    data_b64} then {"type":"exit",exec_id,cursor,exit_code}; the attach route
#    answers 404 "Exec session not found";
#  - Vers's in-VM agent (chelsea-agent handlers): argv run directly (a missing
#    program is "Failed to spawn process"), env added to the environment,
#    working_dir as current directory, timeout kills and reports TIMEOUT
#    ("Command timed out after N seconds"), write_file creates parents only
#    with create_dirs and sets the mode after writing;
#  - hdresearch/vers_user_skills use-vers-for-everything/api-cheatsheet.md:
#    PUT files answers 200 with an empty body; attach "from cursor 0" replays.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vers-local-exec-XXXXXX")
cleanup() {
  if [ "${SERVER_PID:-0}" -gt 0 ]; then kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

b64() { printf '%s' "$1" | base64 -w0; }
# stream PATH BODY: the raw NDJSON answer into $WORK/stream, status in STATUS.
stream() {
  STATUS=$(curl -sS -N --cacert "$CA" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -X POST --data "$2" -o "$WORK/stream" -w '%{http_code}' "$BASE$1")
}
# decoded STREAM: the stdout bytes of the stream's chunks, in order.
decoded() { jq -r "select(.type==\"chunk\" and .stream==\"$1\") | .data_b64" "$WORK/stream" | base64 -d; }

check "server starts" start_server
api POST /vm/new_root '{"vm_config":{"vcpu_count":1,"mem_size_mib":256,"fs_size_mib":512}}' && VM=$(jq -r .vm_id <<<"$BODY")
check "a VM is created" test "$STATUS" = 201

echo "--- PUT /vm/{id}/files ---"
api PUT "/vm/$VM/files" "{\"path\":\"/opt/a/b/hello.sh\",\"content_b64\":\"$(b64 $'#!/bin/sh\necho hi\n')\",\"mode\":493,\"create_dirs\":true}"
check "a file is written with create_dirs: 200, empty body" test "$STATUS:$BODY" = "200:"
api POST "/vm/$VM/exec" '{"command":["stat","-c","%a %s","/opt/a/b/hello.sh"]}'
check "its mode (0755 = 493) and size are as sent" test "$(jq -r .stdout <<<"$BODY")" = '755 18'
api PUT "/vm/$VM/files" "{\"path\":\"/opt/plain\",\"content_b64\":\"$(b64 x)\"}"
api POST "/vm/$VM/exec" '{"command":["stat","-c","%a","/opt/plain"]}'
check "mode defaults to 0644" test "$(jq -r .stdout <<<"$BODY")" = 644
api PUT "/vm/$VM/files" "{\"path\":\"/nodir/x\",\"content_b64\":\"$(b64 x)\"}"
check "no create_dirs and no parent: 500 naming the failure" \
  bash -c '[ "$1" = 500 ] && jq -e ".error | test(\"Failed to write file\")" <<<"$2" >/dev/null' _ "$STATUS" "$BODY"
api PUT "/vm/$VM/files" '{"path":"/opt/x","content_b64":"not base64!"}'
check "content_b64 that is not base64: 400" test "$STATUS" = 400
api PUT "/vm/$VM/files" '{"content_b64":""}'
check "no path: 400" test "$STATUS" = 400
api PUT "/vm/00000000-0000-4000-8000-000000000000/files" '{"path":"/x","content_b64":""}'
check "an unknown VM: 404" test "$STATUS" = 404

echo "--- GET /vm/{id}/files ---"
# Vers's server (chelsea_server2 vm routes, vm_read_file_handler): the query
# `path` is required (its Query<VmReadFileQuery> extractor), the bytes come
# back as {"content_b64"}, any failure to read is a 500.
api GET "/vm/$VM/files?path=/opt/a/b/hello.sh"
check "a file reads back: 200 and its bytes as content_b64" \
  test "$STATUS:$(jq -r .content_b64 <<<"$BODY" | base64 -d | od -An -c | tr -s ' ')" = \
  "200:$(printf '#!/bin/sh\necho hi\n' | od -An -c | tr -s ' ')"
api GET "/vm/$VM/files?path=/opt/no-such-file"
check "a missing file: 500 naming the failure" \
  bash -c '[ "$1" = 500 ] && jq -e ".error | test(\"Failed to read file\")" <<<"$2" >/dev/null' _ "$STATUS" "$BODY"
api GET "/vm/$VM/files"
check "no path: 400" test "$STATUS" = 400
api GET "/vm/00000000-0000-4000-8000-000000000000/files?path=/x"
check "an unknown VM: 404" test "$STATUS" = 404

echo "--- POST /vm/{id}/exec ---"
api POST "/vm/$VM/exec" '{"command":["sh","-c","echo \"$GREETING from $(pwd)\"; cat; echo err >&2; exit 3"],"env":{"GREETING":"hello"},"working_dir":"/opt/a","stdin":"piped\n"}'
check "argv with env, working_dir and stdin" \
  test "$(jq -c '[.exit_code,.stdout,.stderr]' <<<"$BODY")" = '[3,"hello from /opt/a\npiped\n","err\n"]'
check "the answer carries an exec_id" bash -c 'jq -e ".exec_id | test(\"^[0-9a-f-]{36}$\")" <<<"$1" >/dev/null' _ "$BODY"
api POST "/vm/$VM/exec" '{"command":["no-such-program"]}'
check "a program that does not exist: 500 Failed to spawn process" \
  bash -c '[ "$1" = 500 ] && jq -e ".error | test(\"Failed to spawn process\")" <<<"$2" >/dev/null' _ "$STATUS" "$BODY"
api POST "/vm/$VM/exec" '{"command":["sleep","30"],"timeout_secs":1}'
check "timeout_secs kills the command: 500 Command timed out after 1 seconds" \
  bash -c '[ "$1" = 500 ] && jq -e ".error == \"Command timed out after 1 seconds\"" <<<"$2" >/dev/null' _ "$STATUS" "$BODY"
api POST "/vm/$VM/exec" '{"command":"ls"}'
check "command that is not an array: 400" test "$STATUS" = 400
api POST "/vm/$VM/exec" '{"command":["true"],"timeout_secs":-1}'
check "a negative timeout_secs: 400" test "$STATUS" = 400

echo "--- exec/stream and attach ---"
EID=$(cat /proc/sys/kernel/random/uuid)
stream "/vm/$VM/exec/stream" "{\"command\":[\"sh\",\"-c\",\"for i in 1 2 3; do echo line-\$i; done; echo oops >&2; exit 7\"],\"exec_id\":\"$EID\"}"
check "the stream answers 200" test "$STATUS" = 200
check "every line is a chunk or the exit, of this exec, cursors increasing" \
  jq -se >/dev/null --arg e "$EID" 'all(.[]; (.type=="chunk" or .type=="exit") and .exec_id==$e)
    and ([.[].cursor] | . == (sort | unique))' "$WORK/stream"
check "the chunks carry the output" test "$(decoded stdout)" = $'line-1\nline-2\nline-3'
check "stderr is a stream of its own" test "$(decoded stderr)" = oops
check "the last line is the exit with its code" test "$(tail -n1 "$WORK/stream" | jq -c '[.type,.exit_code]')" = '["exit",7]'
LAST=$(tail -n1 "$WORK/stream" | jq .cursor)
FIRST=$(head -n1 "$WORK/stream" | jq .cursor)
stream "/vm/$VM/exec/stream/attach" "{\"exec_id\":\"$EID\"}"
check "attach without a cursor replays the whole backlog, ending with the exit" \
  test "$(decoded stdout):$(tail -n1 "$WORK/stream" | jq .cursor)" = $'line-1\nline-2\nline-3:'"$LAST"
stream "/vm/$VM/exec/stream/attach" "{\"exec_id\":\"$EID\",\"cursor\":$FIRST}"
check "attach after a cursor replays only what follows it (exclusive)" \
  jq -se >/dev/null --argjson c "$FIRST" 'length > 0 and all(.[]; .cursor > $c)' "$WORK/stream"
stream "/vm/$VM/exec/stream/attach" "{\"exec_id\":\"$(cat /proc/sys/kernel/random/uuid)\"}"
check "attach to an unknown exec: 404" test "$STATUS" = 404
stream "/vm/$VM/exec/stream" "{\"command\":[\"true\"],\"exec_id\":\"$EID\"}"
check "an exec_id already used: 500" test "$STATUS" = 500

# A stream that is left mid-command: the command runs on, and attaching
# gets its output and exit.
EID2=$(cat /proc/sys/kernel/random/uuid)
timeout 2 curl -sS -N --cacert "$CA" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
  -X POST --data "{\"command\":[\"sh\",\"-c\",\"echo start; sleep 3; echo end\"],\"exec_id\":\"$EID2\"}" \
  "$BASE/vm/$VM/exec/stream" >"$WORK/cut" 2>/dev/null
check "the cut stream had the first output only" test "$(jq -r .data_b64 "$WORK/cut" | base64 -d)" = start
stream "/vm/$VM/exec/stream/attach" "{\"exec_id\":\"$EID2\",\"cursor\":$(jq .cursor "$WORK/cut")}"
check "attaching after the cut gets the rest and the exit" \
  test "$(decoded stdout):$(tail -n1 "$WORK/stream" | jq -c '[.type,.exit_code]')" = 'end:["exit",0]'

check "SIGTERM exits 0" stop_server
SERVER_PID=0
summary
