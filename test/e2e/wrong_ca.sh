#!/usr/bin/env bash
# A ca_cert_file that does not vouch for the server (issue 10, item 5): the
# CA of another vers-local (same issuer name, another key) made OpenSSL 3
# fail the handshake with "asn1 encoding routines::EVP lib", which libcurl
# reports as a connect error, and every call was tried 6 times. Retrying
# cannot make a certificate trusted: one attempt, and a message that names
# ca_cert_file and what to do.
source "$(dirname "$0")/lib.sh"
work_dir wrong-ca
start_vers_local

# Another vers-local's CA, as left over from an earlier run.
"$VERS_LOCAL" serve --data-dir "$WORK/other" >other.ready 2>other.log &
other_pid=$!
for _ in $(seq 1 300); do [ -s other.ready ] && break; sleep 0.05; done
cp "$(python3 -c 'import json,sys; print(json.load(open("other.ready"))["ca_cert_file"])')" other-ca.pem
kill -TERM "$other_pid" && wait "$other_pid" 2>/dev/null || true
printf 'not a certificate\n' >garbage.pem

write_main() {
  cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "$1"
}
data "vers_vms" "all" {}
TF
}

for ca in other-ca.pem garbage.pem; do
  write_main "$WORK/$ca"
  TF_LOG_PROVIDER=debug TF_LOG_PATH="$WORK/$ca.log" \
    tofu plan -no-color -input=false >"$ca.out" 2>&1 && rc=0 || rc=$?
  check "$ca: the plan fails" test "$rc" = 1
  check "$ca: one attempt, no retry" same "$(grep -c 'vers api call' "$ca.log")" 1
  check "$ca: the message names ca_cert_file" contains "$ca.out" "ca_cert_file \"$WORK/$ca\""
  check "$ca: the message says it is not retried" contains "$ca.out" "this is not retried"
  check "$ca: the message names insecure as the throwaway way out" contains "$ca.out" "insecure = true"
done
check "the wrong CA's reason is given" contains other-ca.pem.out "certificate signature failure"
check "an unloadable CA file says what it must hold" contains garbage.pem.out "PEM certificates"

# The right CA still works.
write_main "$CA"
check "with vers-local's own CA the plan succeeds" tofu plan -no-color -input=false

# The VergeIO client shares the HTTP client: the CA of another vergeio-local.
: "${VERGEIO_LOCAL:?set VERGEIO_LOCAL to the built vergeio-local}"
start_vergeio() {  # NAME: starts a vergeio-local, its data in $WORK/NAME; pid in NAME.pid
  "$VERGEIO_LOCAL" serve --data-dir "$WORK/$1" >"$1.ready" 2>"$1.log" &
  echo $! >"$1.pid"
  for _ in $(seq 1 300); do [ -s "$1.ready" ] && break; sleep 0.05; done
}
ready_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }
start_vergeio other-vio
cp "$(ready_field other-vio.ready ca_cert_file)" other-vio-ca.pem
kill -TERM "$(cat other-vio.pid)" && wait "$(cat other-vio.pid)" 2>/dev/null || true
start_vergeio vio
trap 'kill -TERM $(cat vio.pid) 2>/dev/null; stop_vers_local; rm -rf "$WORK"' EXIT
export VERGEIO_ENDPOINT=$(ready_field vio.ready endpoint) VERGEIO_USERNAME=$(ready_field vio.ready username) \
  VERGEIO_PASSWORD=$(ready_field vio.ready password)
cat >main.tf <<TF
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  vergeio {
    port         = $(ready_field vio.ready port)
    ca_cert_file = "$WORK/other-vio-ca.pem"
    retry_delay  = "1s"
  }
}
resource "vers_vergeio_vm_snapshot" "s" {
  vm   = "web-server"
  name = "s"
}
TF
TF_LOG_PROVIDER=debug TF_LOG_PATH="$WORK/vio.tflog" \
  tofu apply -auto-approve -no-color -input=false >vio.out 2>&1 && rc=0 || rc=$?
check "vergeio: the apply fails" test "$rc" = 1
check "vergeio: one attempt, no retry" same "$(grep -c 'vers api call' vio.tflog)" 1
check "vergeio: the message names ca_cert_file" contains vio.out "ca_cert_file \"$WORK/other-vio-ca.pem\""
check "vergeio: the message says it is not retried" contains vio.out "this is not retried"
finish
