#!/usr/bin/env bash
# The provider core with real OpenTofu: validate, plan, apply of a data source,
# the schema as OpenTofu reports it, and diagnostics for bad provider settings.
source "$(dirname "$0")/lib.sh"
work_dir core

cat >versions.tf <<'TF'
terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
TF
write_main() {
  cat >main.tf <<TF
provider "vers" {
  $1
}
data "vers_endpoint" "current" {}
output "vm_domain" { value = data.vers_endpoint.current.vm_domain }
output "base_url" { value = data.vers_endpoint.current.base_url }
output "has_api_key" { value = data.vers_endpoint.current.has_api_key }
output "ssh_port" { value = data.vers_endpoint.current.ssh_port }
TF
}

# A valid configuration validates, plans and applies without an API key.
write_main ''
check "validate succeeds" tofu validate -no-color
check "plan succeeds without an API key" tofu plan -no-color -input=false
tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 || true
check "apply of the data source succeeds" contains apply.out "Apply complete"
check "default vm_domain is vm.vers.sh" test "$(tofu output -raw vm_domain)" = vm.vers.sh
check "default base_url" test "$(tofu output -raw base_url)" = https://api.vers.sh/api/v1
check "no API key reported" test "$(tofu output -raw has_api_key)" = false
check "default SSH-over-TLS port is 443" test "$(tofu output -raw ssh_port)" = 443

# Environment variables configure the provider; vm_domain follows base_url.
VERS_BASE_URL=https://api.example.test/api/v1 VERS_API_KEY=k-secret-1234 \
  tofu apply -auto-approve -no-color -input=false >env.out 2>&1 || true
check "apply with environment settings" contains env.out "Apply complete"
check "vm_domain derived from VERS_BASE_URL" test "$(tofu output -raw vm_domain)" = vm.example.test
check "API key seen from VERS_API_KEY" test "$(tofu output -raw has_api_key)" = true
check "API key never printed" bash -c '! grep -q k-secret-1234 env.out terraform.tfstate'
write_main 'base_url = "http://127.0.0.1:8443/api/v1"'
tofu apply -auto-approve -no-color -input=false >loop.out 2>&1 || true
check "http is accepted for loopback" contains loop.out "Apply complete"
check "loopback base_url gives vm.localhost" test "$(tofu output -raw vm_domain)" = vm.localhost
# A host not starting with "api." does not name the VMs' domain: vm.vers.sh,
# as vers-cli internal/auth/auth.go GetVMDomain assumes, with a warning.
write_main ''
VERS_BASE_URL=https://vers.example.test/api/v1 tofu apply -auto-approve -no-color -input=false \
  >assumed.out 2>&1 || true
check "a host without api. gives vm.vers.sh" test "$(tofu output -raw vm_domain)" = vm.vers.sh
check "and warns that vm_domain was assumed" contains assumed.out "vm_domain assumed"
# The TLS front's port: VERS_SSH_TLS_PORT, and ssh_tls_port in the block wins.
VERS_SSH_TLS_PORT=8443 tofu apply -auto-approve -no-color -input=false >tlsport.out 2>&1 || true
check "VERS_SSH_TLS_PORT sets the SSH-over-TLS port" test "$(tofu output -raw ssh_port)" = 8443
write_main 'ssh_tls_port = 9443'
VERS_SSH_TLS_PORT=8443 tofu apply -auto-approve -no-color -input=false >tlsport.out 2>&1 || true
check "ssh_tls_port wins over VERS_SSH_TLS_PORT" test "$(tofu output -raw ssh_port)" = 9443
write_main 'base_url = "http://127.0.0.1:8443/api/v1"'

# Logs: hclog JSON that OpenTofu parses (it shows our @module), mutual TLS in
# force with OpenTofu's client certificate, and no secret in a trace log.
# OpenTofu copies plugin stderr into its log asynchronously and may exit before
# the last lines are copied when the machine is busy: allow more runs. It also
# prints a plugin line's fields in random order (go-plugin reads them into a
# Go map), so each is looked for on its own.
for _ in 1 2 3 4 5; do
  VERS_API_KEY=k-trace-secret-5678 TF_LOG=trace tofu plan -no-color -input=false >trace.out 2>&1 || true
  line_has trace.out "provider configured:" 2>/dev/null && line_has trace.out "plugin serving:" 2>/dev/null && break
  sleep 1
done
check "provider log lines are parsed by OpenTofu" \
  line_has trace.out "provider.terraform-provider-vers: plugin serving:" "@module=vers"
check "the plugin connection uses automatic mutual TLS" contains trace.out "tls=on"
check "provider configured and logged its settings" \
  line_has trace.out "provider configured:" "@module=vers" "base_url=http://127.0.0.1:8443/api/v1"
check "API key absent from the trace log" bash -c '! grep -q k-trace-secret-5678 trace.out'

# The schema as OpenTofu reports it.
tofu providers schema -json >schema.json
check "schema JSON matches the provider's contract" python3 - schema.json <<'PY'
import json, sys
schemas = json.load(open(sys.argv[1]))["provider_schemas"]  # registry.opentofu.org or registry.terraform.io
s = next(v for k, v in schemas.items() if k.endswith("/hdr/vers"))
p = s["provider"]["block"]["attributes"]
assert set(p) == {"api_key", "base_url", "vm_domain", "ssh_tls_port", "ca_cert_file", "insecure", "store_ssh_private_key"}, p.keys()
assert p["api_key"].get("sensitive") and p["api_key"].get("optional"), p["api_key"]
assert p["base_url"]["type"] == "string" and p["insecure"]["type"] == "bool"
assert all(a["description_kind"] == "markdown" and a["description"] for a in p.values())
d = s["data_source_schemas"]["vers_endpoint"]["block"]["attributes"]
assert d["ssh_port"] == {**d["ssh_port"], "type": "number", "computed": True}, d["ssh_port"]
assert all(a.get("computed") and not a.get("optional") for a in d.values())
PY

# Bad settings give diagnostics that name the attribute and say what is accepted.
write_main 'base_url = "http://api.example.test/v1"'
tofu validate -json >invalid.json || true
check "plain http to a remote host is a diagnostic on base_url" python3 - invalid.json <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert not r["valid"], r
d = [x for x in r["diagnostics"] if x["severity"] == "error"]
assert len(d) == 1 and d[0]["summary"] == "Invalid base_url", d
assert d[0]["snippet"]["code"].strip().startswith("base_url"), d[0]["snippet"]
assert "https" in d[0]["detail"] and "loopback" in d[0]["detail"], d[0]["detail"]
PY
# A name that merely starts with "127." is resolved by DNS and may be anywhere:
# the API key must not go there in clear (only literal loopback or localhost).
for url in http://127.attacker.test:8099/api/v1 http://vers.localhost:8099/api/v1; do
  write_main "base_url = \"$url\""
  tofu validate -no-color >lookalike.out 2>&1 || true
  check "plain http to $url is refused" contains lookalike.out "would send the API key in clear"
done
write_main 'base_url = "ftp://api.example.test"'
tofu validate -no-color >ftp.out 2>&1 || true
check "an ftp URL is refused" contains ftp.out 'unsupported scheme "ftp"'
write_main 'vm_domain = "not a domain"'
tofu validate -no-color >domain.out 2>&1 || true
check "a bad vm_domain is refused" contains domain.out "Invalid vm_domain"
write_main 'ssh_tls_port = 0'
tofu validate -no-color >tlsport0.out 2>&1 || true
check "ssh_tls_port 0 is refused, saying what is accepted" contains tlsport0.out "ssh_tls_port is 0; it must be a whole number from 1 to 65535"
write_main ''
VERS_SSH_TLS_PORT=https tofu plan -no-color -input=false -refresh=false >envport.out 2>&1 || true
check "a bad VERS_SSH_TLS_PORT names the variable" contains envport.out 'Invalid VERS_SSH_TLS_PORT'
write_main 'ca_cert_file = "/nonexistent/ca.pem"'
tofu plan -no-color -input=false >ca.out 2>&1 || true
check "an unreadable ca_cert_file is reported at configure" contains ca.out "Unreadable ca_cert_file"
VERS_BASE_URL=http://api.example.test tofu plan -no-color -input=false -refresh=false >envurl.out 2>&1 || true
check "a bad VERS_BASE_URL names the variable" contains envurl.out "VERS_BASE_URL"

# Run by hand, the binary explains itself instead of hanging.
"$VERS_PROVIDER" >byhand.out 2>&1 && rc=0 || rc=$?
check "run by hand exits 1" test "$rc" = 1
check "run by hand explains dev_overrides" contains byhand.out "dev_overrides"

finish
