#!/usr/bin/env bash
# The plugin framework serving a second provider (test/plugin/tiny_provider:
# source example/tiny, its own identity, linked with the framework library
# alone) under real OpenTofu and Terraform: plan, apply, an empty re-plan, an
# in-place update that keeps unchanged set elements, a replacement, destroy.
source "$(dirname "$0")/lib.sh"
: "${TINY_PROVIDER:?set TINY_PROVIDER to the built terraform-provider-tiny}"
work_dir tiny
# The tiny provider by its own source address, from the directory holding it.
cat >cli.tfrc <<CFG
provider_installation {
  dev_overrides { "example/tiny" = "$(dirname "$TINY_PROVIDER")" }
  direct {}
}
CFG
mkdir notes

write_main() {  # write_main TEXT SIZE ENTRIES
  cat >main.tf <<TF
terraform {
  required_providers {
    tiny = { source = "example/tiny" }
  }
}
provider "tiny" {
  directory = "$WORK/notes"
}
resource "tiny_note" "n" {
  text    = "$1"
  size    = $2
  entries = [$3]
}
data "tiny_echo" "e" {
  text = tiny_note.n.text
}
output "id" { value = tiny_note.n.id }
output "revision" { value = tiny_note.n.revision }
output "length" { value = data.tiny_echo.e.length }
output "serials" { value = { for e in tiny_note.n.entries : e.name => e.serial } }
TF
}
apply() { ok=0; tofu apply -auto-approve -no-color -input=false >"$1" 2>&1 && ok=1; }
serials() { tofu output -json serials | python3 -c 'import json,sys; d=json.load(sys.stdin); print(" ".join(f"{k}={d[k]}" for k in sorted(d)))'; }

write_main hello 1 '{ name = "a" }, { name = "b" }'
check "validate succeeds" tofu validate -no-color
apply create.out
check "create applies" succeeded create.out
check "the note is a file with its text" same "$(cat notes/note-hello.note 2>/dev/null)" hello
check "id from the provider" same "$(tofu output -raw id)" note-hello
check "data source read" same "$(tofu output -raw length)" 5
check "set elements numbered at create" same "$(serials)" "a=101 b=102"
check "re-plan is empty" plan_is_empty

# An in-place update: the id is kept (UseStateForUnknown), the revision is
# recomputed, the unchanged set element keeps its serial, the new one gets one.
write_main "hello again" 1 '{ name = "a" }, { name = "c" }'
check "text and entries change in place" same "$(planned_actions)" "tiny_note.n update"
apply update.out
check "update applies" succeeded update.out
check "id kept" same "$(tofu output -raw id)" note-hello
check "revision recomputed" same "$(tofu output -raw revision)" 2
check "unchanged set element keeps its serial" same "$(serials)" "a=101 c=201"
check "the file holds the new text" same "$(cat notes/note-hello.note)" "hello again"
check "re-plan after update is empty" plan_is_empty

# size requires replacement (the framework's RequiresReplace path).
write_main "hello again" 2 '{ name = "a" }, { name = "c" }'
check "size replaces" same "$(planned_actions)" "tiny_note.n delete,create"

# A note removed outside Terraform is planned again (Read reports it gone).
rm notes/note-hello.note
write_main "hello again" 1 '{ name = "a" }, { name = "c" }'
check "a removed note is created again" same "$(planned_actions)" "tiny_note.n create"
apply recreate.out
check "re-create applies" succeeded recreate.out

tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "nothing is left" same "$(ls notes)" ""
finish
