#!/usr/bin/env bash
# Issue 15, item 5, against vers-local: vers_env_var and vers_domain. Apply ->
# re-plan empty -> a value changed in place -> drift (a value changed behind
# Terraform's back is found by the refresh and set back) -> import into a
# fresh state, re-plan empty -> destroy -> nothing left. The value is a
# secret: it appears in no output of the CLI nor in the provider's log.
#
# Sources: the Vers spec (SetEnvVarsRequest, EnvVarsResponse, the domain
# operations), hdresearch/vers-cli internal/services/env/service.go (GET
# lists the values) and hdresearch/vers_user_skills error_shapes.md.
source "$(dirname "$0")/lib.sh"
work_dir account
start_vers_local
write_vers_provider_tf
export TF_LOG_PROVIDER=trace TF_LOG_PATH="$WORK/provider.log"

cat >main.tf <<'TF'
variable "secret" {
  type      = string
  sensitive = true
  default   = "s3cr3t-first-value"
}
resource "vers_env_var" "token" {
  key   = "E2E_TOKEN"
  value = var.secret
}
resource "vers_vm" "web" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_domain" "web" {
  domain = "web.e2e.example.com"
  vm_id  = vers_vm.web.id
}
output "domain_id" { value = vers_domain.web.id }
TF

api() { curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" "$VERS_BASE_URL$1"; }
put() { curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" -H 'Content-Type: application/json' -X PUT --data "$2" "$VERS_BASE_URL$1"; }

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply sets the env var and binds the domain" succeeded apply.out
check "the API has the value" test "$(api /env_vars)" = '{"vars":{"E2E_TOKEN":"s3cr3t-first-value"}}'
check "the API has the domain on the VM" \
  bash -c "curl -sS --fail --cacert '$CA' -H 'Authorization: Bearer $VERS_API_KEY' '$VERS_BASE_URL/domains/$(tofu output -raw domain_id)' | grep -q web.e2e.example.com"
check "re-plan after apply is empty" plan_is_empty

echo 'secret = "s3cr3t-second-value"' >terraform.tfvars
check "a new value is set in place" same "$(planned_actions)" "vers_env_var.token update"
tofu apply -auto-approve -no-color -input=false >update.out 2>&1 && ok=1 || ok=0
check "apply of the new value" succeeded update.out
check "the API has the new value" test "$(api /env_vars)" = '{"vars":{"E2E_TOKEN":"s3cr3t-second-value"}}'

put /env_vars '{"vars":{"E2E_TOKEN":"changed-elsewhere"}}' >/dev/null
check "a value changed elsewhere is drift, set back in place" \
  same "$(planned_actions)" "vers_env_var.token update"
tofu apply -auto-approve -no-color -input=false >drift.out 2>&1 && ok=1 || ok=0
check "apply sets the value back" succeeded drift.out
check "the API has the configured value again" \
  test "$(api /env_vars)" = '{"vars":{"E2E_TOKEN":"s3cr3t-second-value"}}'
check "re-plan is empty" plan_is_empty

domain_id=$(tofu output -raw domain_id)
mv terraform.tfstate imported-from.tfstate
tofu import -no-color -input=false vers_env_var.token E2E_TOKEN >import1.out 2>&1 && ok=1 || ok=0
check "import vers_env_var by its key" succeeded import1.out
tofu import -no-color -input=false vers_domain.web "$domain_id" >import2.out 2>&1 && ok=1 || ok=0
check "import vers_domain by its id" succeeded import2.out
tofu import -no-color -input=false vers_vm.web "$(api /domains | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["vm_id"])'):vcpu_count=1,mem_size_mib=512,fs_size_mib=1024" >import3.out 2>&1 && ok=1 || ok=0
check "import the VM" succeeded import3.out
check "re-plan after the imports is empty" plan_is_empty

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy" succeeded destroy.out
check "vers-local holds no env var, domain or VM" \
  test "$(api /env_vars) $(api /domains) $(counters)" = '{"vars":{}} [] 0 0 0'

cat *.out >all.out
check "no CLI output shows the secret" bash -c "! grep -q s3cr3t all.out"
check "the provider's trace log was written" grep -q "vers api call" "$WORK/provider.log"
check "the provider's log does not show the secret" bash -c "! grep -q s3cr3t '$WORK/provider.log'"

mkdir bad && cp provider.tf bad/
cat >bad/main.tf <<'TF'
resource "vers_env_var" "bad" {
  key   = "BAD-KEY"
  value = "x"
}
TF
(cd bad && tofu validate -no-color >../bad.out 2>&1) && ok=0 || ok=1
check "a bad key fails validation" succeeded bad.out
check "the error says what a key is" contains bad.out "keys are shell identifiers"
finish
