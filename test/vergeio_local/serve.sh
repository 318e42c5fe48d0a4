#!/usr/bin/env bash
# End to end: runs the real vergeio-local over HTTPS and checks the ready
# line, Basic and token auth, VM/machine keys, queries, snapshots, tags,
# faults, persistence across a SIGTERM restart and clean exits.
# Needs VERGEIO_LOCAL (the built binary), curl and jq; ctest sets the former.
set -uo pipefail
: "${VERGEIO_LOCAL:?set VERGEIO_LOCAL to the built vergeio-local binary}"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vergeio-local-e2e-XXXXXX")
SERVER_PID=0
PASSED=0
FAILED=0
cleanup() {
  if [ "$SERVER_PID" -gt 0 ]; then kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID"; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# check DESCRIPTION COMMAND...: runs COMMAND and counts the outcome.
check() {
  local what=$1
  shift
  if "$@"; then
    PASSED=$((PASSED + 1))
    echo "ok: $what"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL: $what (status=${STATUS:-} body=${BODY:-})" >&2
  fi
}

# start_server: starts the server on $WORK/data and reads its ready line.
start_server() {
  : >"$WORK/ready"
  "$VERGEIO_LOCAL" serve --data-dir "$WORK/data" --listen 127.0.0.1:0 >"$WORK/ready" \
    2>>"$WORK/server.log" &
  SERVER_PID=$!
  for _ in $(seq 1 200); do
    [ -s "$WORK/ready" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.05
  done
  PORT=$(jq -r .port "$WORK/ready")
  PASSWORD=$(jq -r .password "$WORK/ready")
  CA=$(jq -r .ca_cert_file "$WORK/ready")
  URL="https://$(jq -r .endpoint "$WORK/ready"):$PORT"
  [ "$(wc -l <"$WORK/ready")" = 1 ] && [ "$PORT" -gt 0 ] 2>/dev/null
}

# stop_server: SIGTERM, then the server's exit status.
stop_server() {
  kill -TERM "$SERVER_PID"
  wait "$SERVER_PID"
  local rc=$?
  SERVER_PID=0
  return $rc
}

# call [CURL ARGS...] METHOD PATH [BODY]: sets STATUS, BODY and HEADERS.
# AUTH holds the curl arguments that authenticate (Basic by default).
call() {
  local method=$1 path=$2 data=${3:-} out
  local body_args=()
  [ -n "$data" ] && body_args=(--data "$data" -H 'Content-Type: application/json')
  out=$(curl -sS --cacert "$CA" "${AUTH[@]}" -X "$method" "${body_args[@]}" \
    -D "$WORK/headers" -w '\n%{http_code}' "$URL$path")
  STATUS=${out##*$'\n'}
  BODY=${out%$'\n'*}
  HEADERS=$(cat "$WORK/headers")
}
basic() { AUTH=(-u "admin:$PASSWORD"); }

check "server starts and prints one ready line" start_server
check "ready line: endpoint, username, CA file in the data dir" \
  test "$(jq -r '[.endpoint, .username, .ca_cert_file] | join(" ")' "$WORK/ready")" \
  = "127.0.0.1 admin $(cd "$WORK/data" && pwd -P)/ca.pem"
check "ready line: a password" test "${#PASSWORD}" -ge 16
check "the CA file exists" test -f "$CA"
basic

# --- auth ---
AUTH=()
call GET /api/v4/vms
check "no credentials: 401 Login required" test "$STATUS $(jq -r .err <<<"$BODY")" = "401 Login required"
AUTH=(-u "admin:wrong")
call GET /api/v4/vms
check "wrong password: 401" test "$STATUS" = 401
basic
call GET /api/v4/vms
check "Basic auth: 200 and an empty list" test "$STATUS $BODY" = "200 []"
AUTH=()
call POST /api/sys/tokens '{"login":"admin","password":"nope"}'
check "token with a wrong password: 401" test "$STATUS" = 401
call POST /api/sys/tokens "{\"login\":\"admin\",\"password\":\"$PASSWORD\"}"
TOKEN=$(jq -r '."$key"' <<<"$BODY")
check "token login: 201 and 40 hex digits" test "$STATUS" = 201 -a -n "$(grep -E '^[0-9a-f]{40}$' <<<"$TOKEN")"
AUTH=(-H "x-yottabyte-token: $TOKEN")
call GET /api/v4/vms
check "token auth: 200" test "$STATUS" = 200
call GET /_admin/counters
check "counters count the token" test "$(jq .tokens <<<"$BODY")" = 1
call DELETE "/api/sys/tokens/$TOKEN"
check "token release: 200" test "$STATUS" = 200
call GET /api/v4/vms
check "a released token stops working" test "$STATUS" = 401
basic

# --- VMs ---
call POST /api/v4/vms '{"name":"web","cpu_cores":2,"ram":2048}'
# The 201 answer of verge-io/docs api-guide.md: "$key" is a string.
check "create VM: 201 with key (a string), row, dbpath and location" \
  test "$STATUS $(jq -c . <<<"$BODY")" = '201 {"location":"/v4/vms/1","dbpath":"vms/1","$row":1,"$key":"1"}'
call POST /api/v4/vms '{"name":"db","advanced":"machine_type=q35\nfoo=bar"}'
check "second VM: key 2" test "$(jq -r '."$key"' <<<"$BODY")" = 2
call POST /api/v4/vms '{"name":"web"}'
check "duplicate VM name: 409" test "$STATUS" = 409
call POST /api/v4/vms '{"name":"x","colour":"red"}'
check "unknown field: 422 naming it" test "$STATUS $(jq -r .err <<<"$BODY")" = "422 unknown field colour"
call POST /api/v4/vms '{"ram":1024}'
check "missing name: 422 as VergeOS words it" \
  test "$STATUS $(jq -r .err <<<"$BODY")" = "422 field 'vms.name' is required"
call GET "/api/v4/vms?fields=name,machine&filter=name%20eq%20'web'"
check "filter and fields: exactly the fields named" test "$(jq -c . <<<"$BODY")" = '[{"name":"web","machine":100}]'
call GET "/api/v4/vms?fields=name&limit=1"
check "limit" test "$(jq length <<<"$BODY")" = 1
call GET "/api/v4/vms?fields=name&filter=name%20eq%20'it''s'"
check "the SQL quote escape: 422 Invalid argument" \
  test "$STATUS $(jq -c . <<<"$BODY")" = '422 {"err":"Invalid argument"}'
call GET /api/v4/vms/2?fields=most
check "get one VM: advanced kept" test "$(jq -r .advanced <<<"$BODY")" = $'machine_type=q35\nfoo=bar'
MACHINE=$(jq .machine <<<"$BODY")
call GET '/api/v4/vms?fields=$key,machine'
check "VM keys and machine keys are distinct" \
  test "$(jq '[.[]."$key"] - [.[].machine] | length' <<<"$BODY")" = 2
call GET "/api/v4/machine_status/$MACHINE?fields=status"
check "new VMs run" test "$(jq -r .status <<<"$BODY")" = running
call PUT /api/v4/vms/2 '{"ram":4096,"colour":"red"}'
check "PUT: 200 [] (an unknown field is ignored)" test "$STATUS $BODY" = "200 []"
call GET "/api/v4/vms/2?fields=ram,need_restart"
check "changing RAM of a running VM needs a restart" test "$(jq -c . <<<"$BODY")" = '{"ram":4096,"need_restart":true}'
call POST /api/v4/vm_actions '{"vm":2,"action":"poweroff"}'
check "poweroff: 201" test "$STATUS" = 201
call GET "/api/v4/machine_status/$MACHINE?fields=status"
check "the machine is stopped" test "$(jq -r .status <<<"$BODY")" = stopped

# --- snapshots ---
call POST /api/v4/machine_snapshots "{\"machine\":$MACHINE,\"name\":\"snap\",\"expires\":0}"
check "snapshot by machine key: 201" test "$STATUS" = 201
call GET "/api/v4/vms?fields=name,is_snapshot&filter=name%20eq%20'db'"
check "the snapshot is a vms row named like its VM" \
  test "$(jq -c . <<<"$BODY")" = '[{"name":"db","is_snapshot":false},{"name":"db","is_snapshot":true}]'
call POST /api/v4/machine_snapshots '{"machine":2,"name":"snap"}'
check "snapshot by VM key: 422 no such machine" \
  test "$STATUS $(jq -r .err <<<"$BODY")" = "422 no such machine 2"

# --- tags ---
call POST /api/v4/tag_categories '{"name":"env","taggable_vms":true}'
CAT=$(jq -r '."$key"' <<<"$BODY")
check "tag category: 201" test "$STATUS" = 201
call POST /api/v4/tags "{\"name\":\"prod\",\"category\":$CAT}"
TAG=$(jq -r '."$key"' <<<"$BODY")
check "tag: 201" test "$STATUS" = 201
call POST /api/v4/tag_members "{\"tag\":$TAG,\"member\":\"vms/1\"}"
check "tag member: 201" test "$STATUS" = 201
call POST /api/v4/tag_members "{\"tag\":$TAG,\"member\":\"vms/1\"}"
check "duplicate tag member: 409" test "$STATUS" = 409
call DELETE "/api/v4/tag_categories/$CAT"
check "deleting a category with tags: 409" test "$STATUS" = 409
call GET "/api/v4/tag_members?filter=member%20eq%20'vms/1'"
check "members by filter" test "$(jq length <<<"$BODY")" = 1

# --- faults ---
call POST /_admin/faults '{"error_rate":1,"status":503,"retry_after":3}'
check "set faults: 200" test "$STATUS" = 200
call GET /api/v4/vms
check "injected 503 with err" test "$STATUS $(jq -r .err <<<"$BODY")" = "503 injected fault"
check "Retry-After: 3" grep -qi '^retry-after: 3' <<<"$HEADERS"
call POST /api/v4/vms '{"name":"faulted"}'
check "a POST is faulted too (after its body)" test "$STATUS" = 503
call POST /_admin/faults '{}'
check "clear faults" test "$STATUS" = 200
call GET /_admin/counters
check "counters" test "$(jq -c . <<<"$BODY")" \
  = '{"machine_snapshots":1,"tag_categories":1,"tag_members":1,"tags":1,"tokens":0,"vms":3}'

# --- restart ---
check "SIGTERM: clean exit 0" stop_server
OLD_PASSWORD=$PASSWORD
check "server restarts" start_server
check "the password survives" test "$PASSWORD" = "$OLD_PASSWORD"
call GET "/api/v4/vms?fields=\$key,name,machine&filter=is_snapshot%20eq%20false"
check "VMs survive" test "$(jq -c . <<<"$BODY")" \
  = "[{\"\$key\":1,\"name\":\"web\",\"machine\":100},{\"\$key\":2,\"name\":\"db\",\"machine\":$MACHINE}]"
call GET "/api/v4/machine_status/$MACHINE?fields=status"
check "machine state survives" test "$(jq -r .status <<<"$BODY")" = stopped
call POST /api/v4/vms '{"name":"third"}'
check "keys continue after a restart" test "$(jq -r '."$key"' <<<"$BODY")" = 4
call DELETE /api/v4/vms/1
check "delete VM: 200 {}" test "$STATUS $BODY" = "200 {}"
call GET /api/v4/tag_members
check "deleting a VM deletes its tag members" test "$BODY" = "[]"
check "SIGTERM again: clean exit 0" stop_server

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
