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
finish
