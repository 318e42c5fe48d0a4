# Helpers for vers-local end-to-end tests: start a server in a temp dir, call
# the API with curl, ssh into VMs through the TLS/SNI front.
# Needs VERS_LOCAL (the built vers-local); ctest sets it.
set -uo pipefail

: "${VERS_LOCAL:?set VERS_LOCAL to the built vers-local binary}"
PASSED=0
FAILED=0

# check DESCRIPTION COMMAND...: runs COMMAND and counts the outcome.
check() {
  local what=$1
  shift
  if "$@"; then
    PASSED=$((PASSED + 1))
    echo "ok: $what"
  else
    FAILED=$((FAILED + 1))
    echo "FAIL: $what" >&2
    return 1
  fi
}

# summary: prints "N passed, N failed" and exits non-zero on failures.
summary() {
  echo "$PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

# start_server [ARGS...]: starts vers-local on $DATA (created under $WORK),
# with ARGS after `serve --data-dir`, and reads its ready line into BASE, KEY,
# CA, SSH_TLS_PORT (the TLS/SNI front), DOMAIN.
start_server() {
  rm -f "$WORK/ready"
  "$VERS_LOCAL" serve --data-dir "$WORK/data" "$@" >"$WORK/ready" 2>>"$WORK/server.log" &
  SERVER_PID=$!
  # 10 s, or 20 min while it builds the VM base image (first use on a machine).
  for i in $(seq 1 24000); do
    [ -s "$WORK/ready" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    [ "$i" -gt 200 ] && ! grep -q 'building the VM base image' "$WORK/server.log" && break
    sleep 0.05
  done
  BASE=$(jq -r .base_url "$WORK/ready")
  KEY=$(jq -r .api_key "$WORK/ready")
  CA=$(jq -r .ca_cert_file "$WORK/ready")
  SSH_TLS_PORT=$(jq -r .ssh_tls_port "$WORK/ready")
  DOMAIN=$(jq -r .vm_domain "$WORK/ready")
  [ -n "$BASE" ] && [ "$BASE" != null ]
}

# stop_server: SIGTERM and wait; returns the server's exit status.
stop_server() {
  kill -TERM "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID"
}

# api METHOD PATH [BODY]: sets STATUS and BODY from the response. PATH is
# under /api/v1 unless it starts with /_admin.
api() {
  local method=$1 path=$2 data=${3:-}
  local url="$BASE$path" out
  [[ $path == /_admin/* ]] && url="${BASE%/api/v1}$path"
  local body_args=()
  case $method in POST | PATCH | PUT) body_args=(--data "$data") ;; esac
  out=$(curl -sS --cacert "$CA" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
    -X "$method" "${body_args[@]}" -w '\n%{http_code}' "$url")
  STATUS=${out##*$'\n'}
  BODY=${out%$'\n'*}
}

# fetch_key VM: writes the VM's private key to $WORK/keys/VM.
fetch_key() {
  mkdir -p "$WORK/keys"
  api GET "/vm/$1/ssh_key"
  echo "$BODY" | jq -r .ssh_private_key >"$WORK/keys/$1"
  chmod 600 "$WORK/keys/$1"
}

# vm_ssh VM COMMAND: runs COMMAND in VM through the documented ProxyCommand.
vm_ssh() {
  local vm=$1
  shift
  [ -f "$WORK/keys/$vm" ] || fetch_key "$vm"
  ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
    -o BatchMode=yes -o ConnectTimeout=10 \
    -o ProxyCommand="openssl s_client -connect 127.0.0.1:$SSH_TLS_PORT -servername %h -quiet -verify_quiet -CAfile $CA" \
    -i "$WORK/keys/$vm" "root@$vm.$DOMAIN" "$@"
}

# now_ms: milliseconds since the epoch.
now_ms() { date +%s%3N; }
