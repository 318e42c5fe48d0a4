#!/usr/bin/env bash
# Contract test: drives every endpoint of vers-local that the provider uses
# (and the other Vers routes vers-local serves), success and error cases,
# records each call (method, spec path template, status, content type, body)
# and checks them all against the Vers OpenAPI spec with contract_check.py:
# the operation exists, the status is one the spec lists for it, and the body
# validates against the spec's JSON schema for that status.
# Needs VERS_LOCAL, jq, curl and Debian's python3 with python3-jsonschema.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

SPEC=${VERS_OPENAPI_SPEC:-$(cd "$here/../../.." && pwd)/shared/vers-api/orchestrator.openapi.json}
PY=${CONTRACT_PYTHON:-/usr/bin/python3}
if [ ! -f "$SPEC" ]; then
  echo "FAIL: the Vers OpenAPI spec is missing: expected it at $SPEC" \
    "(the vers-api checkout next to the repo, or set VERS_OPENAPI_SPEC)" >&2
  exit 1
fi
if ! "$PY" -c 'import jsonschema' 2>/dev/null; then
  echo "FAIL: $PY cannot import jsonschema (apt-get install python3-jsonschema)" >&2
  exit 1
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vers-local-contract-XXXXXX")
CALLS=$WORK/calls.jsonl
cleanup() {
  if [ "${SERVER_PID:-0}" -gt 0 ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# call NAME EXPECT METHOD TEMPLATE URL [BODY]: sends the request (with the API
# key unless AUTH is set: AUTH=none sends no Authorization header, any other
# value is sent as the bearer token), sets STATUS and BODY and appends the
# call to $CALLS. TEMPLATE is the spec's path template; URL is the concrete
# path under /api/v1 (with any query string). EXPECT is the status the test
# means to provoke; the checker fails the call if it differs.
call() {
  local name=$1 expect=$2 method=$3 template=$4 url=$5 data=${6-}
  local args=(-sS --cacert "$CA" -X "$method" -w '\n%{http_code}\n%{content_type}\n.')
  case ${AUTH-} in
    "") args+=(-H "Authorization: Bearer $KEY") ;;
    none) ;;
    *) args+=(-H "Authorization: Bearer $AUTH") ;;
  esac
  if [ $# -ge 6 ]; then args+=(-H 'Content-Type: application/json' --data-binary "$data"); fi
  local out ctype rest
  out=$(curl "${args[@]}" "$BASE$url")
  out=${out%$'\n.'} # the "." keeps $(...) from eating an empty content type
  ctype=${out##*$'\n'}
  rest=${out%$'\n'*}
  STATUS=${rest##*$'\n'}
  BODY=${rest%$'\n'*}
  [[ $STATUS =~ ^[0-9]+$ ]] || STATUS=0 # curl could not connect: "000" or nothing
  STATUS=$((10#$STATUS))
  jq -nc --arg name "$name" --arg method "$method" --arg path "/api/v1$template" \
    --arg url "/api/v1$url" --argjson expect "$expect" --argjson status "$STATUS" \
    --arg content_type "$ctype" --arg body "$BODY" \
    '{name:$name,method:$method,path:$path,url:$url,expect:$expect,status:$status,content_type:$content_type,body:$body}' \
    >>"$CALLS" || check "record the call: $name" false
  echo "$method $url -> $STATUS ($name)"
}

# leaves: adds the VMs of the last response ({"vm_id"} or {"vms":[...]}) to
# LEAVES, the VMs without children, deleted first at the end.
LEAVES=()
leaves() { LEAVES+=($(jq -r '.vm_id // .vms[].vm_id' <<<"$BODY")); }

NOVM=00000000-0000-4000-8000-000000000000
CFG='{"vm_config":{"vcpu_count":1,"mem_size_mib":256,"fs_size_mib":1024,"labels":{"env":"contract"}}}'

check "server starts and prints its ready line" start_server
if [ "$FAILED" -gt 0 ]; then
  cat "$WORK/server.log" >&2
  summary
  exit 1
fi

# --- unauthenticated ---
call "version needs no key" 200 GET /system/version /system/version
AUTH=none call "list VMs without a key" 401 GET /vms /vms
AUTH=wrong call "list VMs with a wrong key" 401 GET /vms /vms
AUTH=none call "create without a key" 401 POST /vm/new_root "/vm/new_root?wait_boot=true" "$CFG"
AUTH=wrong call "validate a wrong key" 401 POST /keys/validate /keys/validate ''
call "validate the key" 200 POST /keys/validate /keys/validate ''

# --- create, inspect ---
call "list VMs (empty)" 200 GET /vms /vms
call "new root" 201 POST /vm/new_root "/vm/new_root?wait_boot=true" "$CFG"
ROOT=$(jq -r .vm_id <<<"$BODY")
call "new root: body is not JSON" 400 POST /vm/new_root "/vm/new_root?wait_boot=true" 'not json'
call "new root: no vm_config" 400 POST /vm/new_root "/vm/new_root?wait_boot=true" '{}'
call "new root: labels not strings" 400 POST /vm/new_root "/vm/new_root?wait_boot=true" \
  '{"vm_config":{"labels":{"n":1}}}'
call "list VMs" 200 GET /vms /vms
call "list VMs (/vm)" 200 GET /vm /vm
call "status" 200 GET "/vm/{vm_id}/status" "/vm/$ROOT/status"
call "metadata of a root VM" 200 GET "/vm/{vm_id}/metadata" "/vm/$ROOT/metadata"
call "ssh key" 200 GET "/vm/{vm_id}/ssh_key" "/vm/$ROOT/ssh_key"

# --- unknown VM ---
call "status of an unknown VM" 404 GET "/vm/{vm_id}/status" "/vm/$NOVM/status"
call "metadata of an unknown VM" 404 GET "/vm/{vm_id}/metadata" "/vm/$NOVM/metadata"
call "ssh key of an unknown VM" 404 GET "/vm/{vm_id}/ssh_key" "/vm/$NOVM/ssh_key"
call "pause an unknown VM" 404 PATCH "/vm/{vm_id}/state" "/vm/$NOVM/state" '{"state":"Paused"}'
call "resize an unknown VM" 404 PATCH "/vm/{vm_id}/disk" "/vm/$NOVM/disk" '{"fs_size_mib":4096}'
call "label an unknown VM" 404 PATCH "/vm/{vm_id}/label" "/vm/$NOVM/label" '{"labels":{}}'
call "commit an unknown VM" 404 POST "/vm/{vm_id}/commit" "/vm/$NOVM/commit" '{}'
call "branch an unknown VM" 404 POST "/vm/{vm_or_commit_id}/branch" "/vm/$NOVM/branch" ''
call "delete an unknown VM" 404 DELETE "/vm/{vm_id}" "/vm/$NOVM"

# --- state, disk, labels ---
call "pause" 200 PATCH "/vm/{vm_id}/state" "/vm/$ROOT/state" '{"state":"Paused"}'
call "status while paused" 200 GET "/vm/{vm_id}/status" "/vm/$ROOT/status"
check "paused VM reports state paused" test "$(jq -r .state <<<"$BODY")" = paused
call "list VMs with a paused VM" 200 GET /vms /vms
call "resume" 200 PATCH "/vm/{vm_id}/state" "/vm/$ROOT/state" '{"state":"Running"}'
call "unknown state" 400 PATCH "/vm/{vm_id}/state" "/vm/$ROOT/state" '{"state":"Sleeping"}'
call "state: body is not JSON" 400 PATCH "/vm/{vm_id}/state" "/vm/$ROOT/state" '{'
call "grow disk" 200 PATCH "/vm/{vm_id}/disk" "/vm/$ROOT/disk" '{"fs_size_mib":2048}'
call "shrink disk" 400 PATCH "/vm/{vm_id}/disk" "/vm/$ROOT/disk" '{"fs_size_mib":512}'
call "disk: no size" 400 PATCH "/vm/{vm_id}/disk" "/vm/$ROOT/disk" '{}'
call "set labels" 200 PATCH "/vm/{vm_id}/label" "/vm/$ROOT/label" '{"labels":{"role":"root","env":"contract"}}'
call "labels not strings" 400 PATCH "/vm/{vm_id}/label" "/vm/$ROOT/label" '{"labels":{"n":1}}'

# --- commits, restore, branch ---
call "commit" 201 POST "/vm/{vm_id}/commit" "/vm/$ROOT/commit" '{"name":"base","description":"contract"}'
COMMIT=$(jq -r .commit_id <<<"$BODY")
call "commit: body is not JSON" 400 POST "/vm/{vm_id}/commit" "/vm/$ROOT/commit" 'nope'
call "list commits" 200 GET /commits /commits
call "list commits, paged" 200 GET /commits "/commits?limit=1&offset=0"
# ListCommitsQuery: "(default: 50, max: 100)"; the spec lists no 400 here.
call "list commits, limit above the maximum" 200 GET /commits "/commits?limit=1000"
check "a limit above 100 is cut to 100" test "$(jq .limit <<<"$BODY")" = 100
# VmCommitRequest.commit_id: "chelsea will use the requested commit UUID"; a
# taken id fails the orchestrator's insert: 500 (a status the spec lists).
CHOSEN=7d0c2b9e-5f4a-4c3b-8a2d-0e1f2a3b4c5d
call "commit with a chosen commit_id" 201 POST "/vm/{vm_id}/commit" "/vm/$ROOT/commit" "{\"commit_id\":\"$CHOSEN\"}"
check "the chosen commit_id is used" test "$(jq -r .commit_id <<<"$BODY")" = "$CHOSEN"
call "commit with a taken commit_id" 500 POST "/vm/{vm_id}/commit" "/vm/$ROOT/commit" "{\"commit_id\":\"$CHOSEN\"}"
call "update a commit" 200 PATCH "/commits/{commit_id}" "/commits/$COMMIT" '{"is_public":true,"name":"base"}'
call "list public commits" 200 GET /commits/public /commits/public
call "update an unknown commit" 404 PATCH "/commits/{commit_id}" "/commits/$NOVM" '{"is_public":false}'
call "restore" 201 POST /vm/from_commit "/vm/from_commit?wait_boot=true" "{\"commit_id\":\"$COMMIT\"}"
A=$(jq -r .vm_id <<<"$BODY")
call "restore: neither commit nor tag" 400 POST /vm/from_commit /vm/from_commit '{}'
call "restore: body is not JSON" 400 POST /vm/from_commit /vm/from_commit '[]'
call "restore an unknown commit" 404 POST /vm/from_commit /vm/from_commit "{\"commit_id\":\"$NOVM\"}"
call "metadata of a restored VM" 200 GET "/vm/{vm_id}/metadata" "/vm/$A/metadata"
check "restored VM's parent_commit_id is the commit" test "$(jq -r .parent_commit_id <<<"$BODY")" = "$COMMIT"
call "commit chain" 200 GET "/vm/commits/{commit_id}/parents" "/vm/commits/$COMMIT/parents"
call "branch a VM twice" 201 POST "/vm/{vm_or_commit_id}/branch" "/vm/$ROOT/branch?count=2&wait_boot=true" ''
check "branch returns two VMs" test "$(jq '.vms | length' <<<"$BODY")" = 2
leaves
call "branch a commit" 201 POST "/vm/{vm_or_commit_id}/branch" "/vm/$COMMIT/branch?wait_boot=true" ''
leaves
# No request body at all (no Content-Length): the spec gives this operation
# none, and RFC 9112 6.3 makes such a request bodiless.
call "branch a commit without a body" 201 POST "/vm/{vm_or_commit_id}/branch" "/vm/$COMMIT/branch?wait_boot=true"
leaves
call "branch by VM" 201 POST "/vm/branch/by_vm/{vm_id}" "/vm/branch/by_vm/$A?wait_boot=true" ''
leaves
call "branch by commit" 201 POST "/vm/branch/by_commit/{commit_id}" "/vm/branch/by_commit/$COMMIT" ''
leaves
call "metadata of a branched VM" 200 GET "/vm/{vm_id}/metadata" "/vm/$(jq -r '.vms[0].vm_id' <<<"$BODY")/metadata"

# --- conflicts ---
call "delete a VM with children" 409 DELETE "/vm/{vm_id}" "/vm/$ROOT"
call "delete a commit in use" 409 DELETE "/commits/{commit_id}" "/commits/$COMMIT"
call "delete an unknown commit" 404 DELETE "/commits/{commit_id}" "/commits/$NOVM"

# --- commit tags ---
call "list tags (empty)" 200 GET /commit_tags /commit_tags
call "create tag" 201 POST /commit_tags /commit_tags "{\"tag_name\":\"golden\",\"commit_id\":\"$COMMIT\",\"description\":\"d\"}"
call "create tag without description" 201 POST /commit_tags /commit_tags "{\"tag_name\":\"plain\",\"commit_id\":\"$COMMIT\"}"
call "duplicate tag" 409 POST /commit_tags /commit_tags "{\"tag_name\":\"golden\",\"commit_id\":\"$COMMIT\"}"
call "tag: no commit_id" 400 POST /commit_tags /commit_tags '{"tag_name":"x"}'
call "tag an unknown commit" 404 POST /commit_tags /commit_tags "{\"tag_name\":\"x\",\"commit_id\":\"$NOVM\"}"
call "list tags" 200 GET /commit_tags /commit_tags
call "get tag" 200 GET "/commit_tags/{tag_name}" /commit_tags/golden
call "get tag without description" 200 GET "/commit_tags/{tag_name}" /commit_tags/plain
call "get unknown tag" 404 GET "/commit_tags/{tag_name}" /commit_tags/nosuch
call "clear tag description" 204 PATCH "/commit_tags/{tag_name}" /commit_tags/golden '{"description":null}'
call "move tag" 204 PATCH "/commit_tags/{tag_name}" /commit_tags/golden "{\"commit_id\":\"$COMMIT\",\"description\":\"again\"}"
call "move tag to an unknown commit" 404 PATCH "/commit_tags/{tag_name}" /commit_tags/golden "{\"commit_id\":\"$NOVM\"}"
call "patch unknown tag" 404 PATCH "/commit_tags/{tag_name}" /commit_tags/nosuch '{"description":"x"}'
call "patch tag: body is not JSON" 400 PATCH "/commit_tags/{tag_name}" /commit_tags/golden 'x'
call "restore by tag" 201 POST /vm/from_commit "/vm/from_commit?wait_boot=true" '{"tag_name":"golden"}'
leaves
call "restore by unknown tag" 404 POST /vm/from_commit /vm/from_commit '{"tag_name":"nosuch"}'
call "branch by tag" 201 POST "/vm/branch/by_tag/{tag_name}" /vm/branch/by_tag/golden ''
leaves
call "delete tag" 204 DELETE "/commit_tags/{tag_name}" /commit_tags/golden
call "delete tag again" 404 DELETE "/commit_tags/{tag_name}" /commit_tags/golden
call "delete tag without description" 204 DELETE "/commit_tags/{tag_name}" /commit_tags/plain

# --- delete everything ---
call "list VMs before deleting" 200 GET /vms /vms
check "every VM is listed" test "$(jq length <<<"$BODY")" = $((${#LEAVES[@]} + 2))
for vm in "${LEAVES[@]}"; do
  call "delete VM" 200 DELETE "/vm/{vm_id}" "/vm/$vm"
done
call "delete a restored VM once its children are gone" 200 DELETE "/vm/{vm_id}" "/vm/$A"
call "delete the root once its children are gone" 200 DELETE "/vm/{vm_id}" "/vm/$ROOT"
call "status of a deleted VM" 404 GET "/vm/{vm_id}/status" "/vm/$ROOT/status"
call "list commits before deleting" 200 GET /commits /commits
for c in $(jq -r '.commits[].commit_id' <<<"$BODY"); do
  call "delete commit" 204 DELETE "/commits/{commit_id}" "/commits/$c"
done
call "list VMs at the end" 200 GET /vms /vms
check "no VMs left" test "$(jq length <<<"$BODY")" = 0
call "list commits at the end" 200 GET /commits /commits
check "no commits left" test "$(jq '.commits | length' <<<"$BODY")" = 0

check "SIGTERM exits 0" stop_server
SERVER_PID=0

# CONTRACT_CALLS_OUT=FILE keeps the recorded calls for a look afterwards.
[ -n "${CONTRACT_CALLS_OUT-}" ] && cp "$CALLS" "$CONTRACT_CALLS_OUT"
echo "--- contract check against $SPEC ---"
check "every response conforms to the spec" "$PY" "$here/contract_check.py" "$SPEC" "$CALLS" --min-calls 60
summary
