#!/usr/bin/env bash
# End to end (issue 13): vers-local keeps API connections as Vers's front
# does. The front is Vers's own `proxy` program (Vers's server source, the
# proxy's main.rs: proxy_listener, handle_tls_connection): rustls with no
# ALPN, then hyper's `http1::Builder::new().serve_connection(..)` with no
# Timer, so HTTP/1.1 only, keep-alive on (hyper's default), no limit of
# requests per connection (hyper has none) and no idle timeout (hyper's
# default header_read_timeout needs a Timer: src/common/time.rs, Time::check).
# src/local/api_front.h has the details. Before, vers-local closed every
# connection after 5 requests or 5 s idle (cpp-httplib's defaults).
# Connections are counted by curl (%{num_connects}: new connections a
# transfer made), not timed; one check waits 6 s idle on purpose.
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib.sh"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/vers-local-keepalive-XXXXXX")
cleanup() {
  if [ "${SERVER_PID:-0}" -gt 0 ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# gets N [CURL ARGS...]: N authorized GET /vms in one curl run (which reuses
# its connection when it can); prints "<new connections> <statuses>".
gets() {
  local n=$1 urls=()
  shift
  for _ in $(seq 1 "$n"); do urls+=(-o /dev/null "$BASE/vms"); done
  curl -sS --cacert "$CA" -H "Authorization: Bearer $KEY" "$@" \
    -w '%{num_connects} %{http_code}\n' "${urls[@]}" |
    awk '{c += $1; s[$2]++} END {printf "%d", c; for (k in s) printf " %s=%d", k, s[k]; print ""}'
}

check "server starts" start_server

out=$(gets 20)
check "20 requests on one connection ($out; before: 4 connections)" test "$out" = "1 200=20"

out=$(gets 2 --rate 10/m)  # the second request 6 s after the first
check "a connection idle for 6 s is still open ($out; before: 2 connections)" test "$out" = "1 200=2"

version=$(curl -sS --cacert "$CA" -H "Authorization: Bearer $KEY" --http2 -o /dev/null \
  -w '%{http_version}' "$BASE/vms")
check "HTTP/1.1 even when the client offers h2 (got $version)" test "$version" = 1.1

api GET /_admin/connections
check "/_admin/connections counts them (${BODY})" \
  test "$(jq -r '.accepted >= 4 and (.resumed | type) == "number"' <<<"$BODY")" = true

# A front that closes early (--max-requests-per-connection): every request is
# still answered; the client opens a new connection after each "close".
check "server stops" stop_server
SERVER_PID=0
check "server starts with --max-requests-per-connection 2" start_server --max-requests-per-connection 2
api GET /_admin/connections
resumed_before=$(jq -r .resumed <<<"$BODY")
out=$(gets 6)
check "6 requests take 3 connections, all answered ($out)" test "$out" = "3 200=6"
# curl offers the session of its first connection on the next ones; Vers's
# front builds a new rustls ServerConfig (and so session cache) for every
# connection and issues no tickets, so none is resumed (before: 2 of 3).
api GET /_admin/connections
check "no TLS session resumed (${BODY})" test "$(jq -r .resumed <<<"$BODY")" = "$resumed_before"

"$VERS_LOCAL" serve --data-dir "$WORK/bad" --max-requests-per-connection 0 >/dev/null 2>&1
rc=$?
check "--max-requests-per-connection 0 is refused (usage, exit 2)" test "$rc" = 2

summary
