#!/usr/bin/env bash
# go-plugin's TCP transport, the one Windows uses: go-plugin's servers listen
# on 127.0.0.1 at the first free port of PLUGIN_MIN_PORT..PLUGIN_MAX_PORT
# (which its client sets) and say "tcp" in the handshake line
# (hashicorp/go-plugin server.go, serverListener_tcp; client.go accepts "tcp"
# on every OS). VERS_PLUGIN_NETWORK=tcp selects it here, on Linux, so the
# real CLI does the handshake, a plan and an apply over TCP.
source "$(dirname "$0")/lib.sh"
work_dir plugin-tcp

cat >main.tf <<'TF'
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
data "vers_endpoint" "current" {}
output "vm_domain" { value = data.vers_endpoint.current.vm_domain }
TF

ok=0
VERS_PLUGIN_NETWORK=tcp TF_LOG=debug TF_LOG_PATH="$WORK/tcp.log" \
  tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1
check "apply over TCP succeeds" succeeded apply.out
check "the output came back" contains apply.out 'vm_domain = "vm.vers.sh"'
# The provider listened on TCP alone (the client does not log the address it
# dials), so the apply above went over it.
check "the provider served on TCP at 127.0.0.1" line_has tcp.log "plugin serving" "network=tcp" "address=127.0.0.1:"
check "in the client's port range (go-plugin: 10000-25000)" \
  grep -Eq 'plugin serving.*address=127\.0\.0\.1:(1[0-9]{4}|2[0-4][0-9]{3}|25000)( |$)' tcp.log

ok=0
TF_LOG=debug TF_LOG_PATH="$WORK/unix.log" tofu apply -auto-approve -no-color -input=false >unix.out 2>&1 && ok=1
check "without it the provider keeps its unix socket" line_has unix.log "plugin serving" "network=unix"

finish
