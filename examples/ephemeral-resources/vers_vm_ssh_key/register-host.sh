#!/bin/sh
# register-host.sh VM_ID HOST PORT (the private key in $PRIVATE_KEY): makes
# the VM reachable with `ssh -F .vers-ssh/VM_ID.conf VM_ID`, through Vers's
# SSH-over-TLS endpoint. The key goes to a file only you can read; it never
# enters the Terraform state. unregister: register-host.sh --remove VM_ID
set -eu
dir=${VERS_SSH_DIR:-.vers-ssh}
if [ "$1" = --remove ]; then
  rm -f "$dir/$2.key" "$dir/$2.conf"
  exit 0
fi
vm_id=$1 host=$2 port=$3
umask 077
mkdir -p "$dir"
printf '%s\n' "$PRIVATE_KEY" >"$dir/$vm_id.key"
cat >"$dir/$vm_id.conf" <<CONF
Host $vm_id
  HostName $host
  User root
  IdentityFile $(cd "$dir" && pwd)/$vm_id.key
  ProxyCommand openssl s_client -quiet -verify_return_error -connect %h:$port -servername %h
CONF
echo "registered: ssh -F $dir/$vm_id.conf $vm_id"
