#!/usr/bin/env bash
# Issue 15, items 1 and 4, against vers-local: repositories, repository tags,
# a fork of a public repository, restores and branches by `repo:tag`, commits
# renamed and published in place, and the repository and commit data sources:
# apply -> re-plan empty -> in-place updates -> import into a fresh state and
# re-plan empty -> destroy -> vers-local holds nothing.
#
# What vers-local does here follows the real API: the orchestrator's
# repository route tests (public views without a key, 409 on taken names,
# private repositories invisible under /public) and hdresearch/vers-cli
# cmd/repo.go (a fork makes a VM, commits it and tags the commit in a new
# repository; deleting a repository deletes its tags, not the commits).
source "$(dirname "$0")/lib.sh"
work_dir repositories
start_vers_local
write_vers_provider_tf

cat >main.tf <<'TF'
variable "tag_target" {
  type    = string
  default = "base"
}
variable "commit_name" {
  type    = string
  default = "base"
}
variable "public" {
  type    = bool
  default = false
}

resource "vers_vm" "root" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
}

resource "vers_vm_commit" "base" {
  vm_id       = vers_vm.root.id
  name        = var.commit_name
  description = "e2e base image"
  public      = var.public
}

resource "vers_repository" "images" {
  name        = "images"
  description = "e2e images"
  public      = true
}

resource "vers_repository_tag" "stable" {
  repository  = vers_repository.images.name
  name        = "stable"
  commit_id   = var.tag_target == "base" ? vers_vm_commit.base.commit_id : vers_vm_commit.second.commit_id
  description = "what workers start from"
}

resource "vers_vm_restore" "by_ref" {
  ref = vers_repository_tag.stable.reference
}

resource "vers_vm_restore" "from_base" {
  commit_id = vers_vm_commit.base.commit_id
}

resource "vers_vm_commit" "second" {
  vm_id = vers_vm_restore.from_base.id
  name  = "second"
}

resource "vers_vm_branch" "by_ref" {
  source_ref = vers_repository_tag.stable.reference
}

# Another team's view: the public repository, found by name, forked. (Read
# once the repository is public; depending on the tag instead would defer
# the read, and so replace the fork, whenever the tag moves.)
data "vers_public_repositories" "all" {
  depends_on = [vers_repository.images]
}
locals {
  source = one([for r in data.vers_public_repositories.all.repositories : r if r.name == "images"])
}
data "vers_public_repository" "images" {
  org        = local.source.org_name
  name       = local.source.name
  depends_on = [vers_repository_tag.stable]
}
resource "vers_repository" "fork" {
  name          = "images-fork"
  fork_from     = "${local.source.org_name}/images:stable"
  fork_tag_name = "v1"
  public        = var.public
  depends_on    = [vers_repository_tag.stable]
}

data "vers_repository" "fork" {
  name       = vers_repository.fork.name
  depends_on = [vers_repository.fork]
}
data "vers_commits" "lineage" {
  parents_of = vers_vm_commit.second.commit_id
}
data "vers_commits" "public" {
  public     = true
  depends_on = [vers_vm_commit.base]
}

output "base_commit" { value = vers_vm_commit.base.commit_id }
output "second_commit" { value = vers_vm_commit.second.commit_id }
output "reference" { value = vers_repository_tag.stable.reference }
output "restore_parent" { value = vers_vm_restore.by_ref.parent_commit_id }
output "branch_parent" { value = vers_vm_branch.by_ref.parent_commit_id }
output "fork_commit" { value = vers_repository.fork.fork_commit_id }
output "fork_vm" { value = vers_repository.fork.fork_vm_id }
output "fork_tags" { value = [for t in data.vers_repository.fork.tags : "${t.reference}=${t.commit_id}"] }
output "public_tags" { value = [for t in data.vers_public_repository.images.tags : t.name] }
output "public_full_name" { value = data.vers_public_repository.images.full_name }
output "lineage" { value = [for c in data.vers_commits.lineage.commits : c.commit_id] }
output "public_commits" { value = [for c in data.vers_commits.public.commits : c.commit_id] }
TF

out() { tofu output -raw "$1"; }
api() { curl -sS --fail --cacert "$CA" -H "Authorization: Bearer $VERS_API_KEY" "$VERS_BASE_URL$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

tofu apply -auto-approve -no-color -input=false >apply.out 2>&1 && ok=1 || ok=0
check "apply creates every resource" succeeded apply.out
# root, two restores, the branch and the fork's VM; base, second and the fork's commit.
check "VMs and commits exist in vers-local" test "$(counters)" = "5 3 0"
check "the tag's reference is repo:tag" test "$(out reference)" = "images:stable"
check "a restore by ref starts from the tagged commit" test "$(out restore_parent)" = "$(out base_commit)"
check "a branch by ref starts from the tagged commit" test "$(out branch_parent)" = "$(out base_commit)"
check "the fork's repository tags the fork's own commit" \
  test "$(tofu output -json fork_tags)" = "[\"images-fork:v1=$(out fork_commit)\"]"
check "the fork's VM is the parent of its commit" \
  test "$(api "/vm/commits/$(out fork_commit)/parents" | json 'd[0]["parent_vm_id"]')" = "$(out fork_vm)"
check "the fork's VM came from the source tag's commit" \
  test "$(api "/vm/$(out fork_vm)/metadata" | json 'd["parent_commit_id"]')" = "$(out base_commit)"
check "the fork's VM is labelled as managed by Terraform" \
  test "$(api "/vm/$(out fork_vm)/status" | json 'd["labels"]["terraform-provider-vers.resource"]')" = vers_repository
check "data vers_public_repository lists its tags" test "$(tofu output -json public_tags)" = '["stable"]'
check "data vers_commits lists a lineage, the commit first" \
  test "$(tofu output -json lineage)" = "[\"$(out second_commit)\",\"$(out base_commit)\"]"
check "no commit is public yet" test "$(tofu output -json public_commits)" = "[]"
check "re-plan after apply is empty" plan_is_empty

# In place: move the tag, rename and publish the commit, publish the fork.
cat >terraform.tfvars <<'TV'
tag_target  = "second"
commit_name = "base-renamed"
public      = true
TV
check "moving a tag, renaming or publishing a commit and publishing a repository are in place" \
  same "$(planned_actions)" "$(printf '%s\n' 'vers_repository.fork update' \
    'vers_repository_tag.stable update' 'vers_vm_commit.base update')"
tofu apply -auto-approve -no-color -input=false >update.out 2>&1 && ok=1 || ok=0
check "apply of the in-place updates" succeeded update.out
check "the API has the commit renamed and public" \
  test "$(api "/vm/commits/$(out base_commit)/parents" | json 'd[0]["name"], d[0]["is_public"]')" = "base-renamed True"
check "the API has the tag moved" \
  test "$(api /repositories/images/tags/stable | json 'd["commit_id"]')" = "$(out second_commit)"
check "the fork is listed as public" \
  bash -c "curl -sS --fail --cacert '$CA' '$VERS_BASE_URL/public/repositories' | grep -q images-fork"
check "data vers_commits lists the public commit" \
  test "$(tofu output -json public_commits)" = "[\"$(out base_commit)\"]"
check "re-plan after the updates is empty" plan_is_empty

# Bad input is named at validation, with what is accepted.
mkdir bad && cp provider.tf bad/
cat >bad/main.tf <<'TF'
resource "vers_vm_restore" "bad" {
  ref = "images"
}
resource "vers_vm_branch" "bad" {
  source_ref = "images:no spaces"
}
resource "vers_repository" "bad" {
  name      = "bad"
  fork_from = "images:stable"
}
TF
(cd bad && tofu validate -no-color >../bad.out 2>&1) && ok=0 || ok=1
check "a malformed ref fails validation" succeeded bad.out
check "the error names ref and the form" contains bad.out '"images" is not of the form "repo:tag"'
check "the error names the bad tag name" contains bad.out 'the tag name "no spaces" must be 1-64 letters'
check "the error names fork_from's form" contains bad.out 'is not of the form "org/repo:tag"'

# Import every resource into a fresh state; the plan must then be empty.
state_id() { tofu state show -no-color "$1" | sed -n 's/^ *id *= "\(.*\)"$/\1/p' | head -1; }
declare -A ids
for r in vers_vm.root vers_vm_commit.base vers_vm_commit.second vers_repository.images \
  vers_repository.fork vers_repository_tag.stable vers_vm_restore.by_ref vers_vm_restore.from_base \
  vers_vm_branch.by_ref; do
  ids[$r]=$(state_id "$r")
done
org=$(tofu output -raw public_full_name | cut -d/ -f1)
mv terraform.tfstate imported-from.tfstate
for r in "${!ids[@]}"; do
  id=${ids[$r]}
  case $r in
    vers_vm.root) id="$id:vcpu_count=1,mem_size_mib=512,fs_size_mib=1024" ;;
    vers_repository.fork) id="$id:fork_from=$org/images:stable,fork_tag_name=v1" ;;
    vers_vm_restore.by_ref | vers_vm_branch.by_ref) id="$id:ref=images:stable" ;;
  esac
  tofu import -no-color -input=false "$r" "$id" >import.out 2>&1 && ok=1 || ok=0
  check "import $r" succeeded import.out
done
check "the imported fork knows its VM" \
  test "$(tofu state show -no-color vers_repository.fork | sed -n 's/^ *fork_vm_id *= "\(.*\)"$/\1/p')" = \
  "$(python3 -c 'import json; s=json.load(open("imported-from.tfstate")); print(s["outputs"]["fork_vm"]["value"])')"
check "re-plan after import is empty" plan_is_empty

# Every answer to a POST is lost after the work is done: the repository, the
# tag and the restore by ref are each made once, found again by name (the
# tag, the repository) or as the tag's commit's new VM, and recorded.
cat >lost.tf <<'TF'
resource "vers_repository" "lost" {
  name = "lost"
}
resource "vers_repository_tag" "lost" {
  repository = vers_repository.lost.name
  name       = "v1"
  commit_id  = vers_vm_commit.base.commit_id
}
resource "vers_vm_restore" "lost" {
  ref = vers_repository_tag.lost.reference
}
TF
admin POST /faults '{"lose_response_rate":1,"only":"POST /api/v1/"}' >/dev/null
tofu apply -auto-approve -no-color -input=false >lost.out 2>&1 && ok=1 || ok=0
admin POST /faults '{}' >/dev/null
check "apply succeeds although every create's answer is lost" succeeded lost.out
check "one repository, one tag and one VM were made" \
  test "$(api /repositories | json 'len(d["repositories"])') $(api /repositories/lost/tags | json 'len(d["tags"])') $(counters)" = "3 1 6 3 0"
check "re-plan after the lost answers is empty" plan_is_empty

# Destroy from the imported state: the fork's VM and commit go with it.
tofu destroy -auto-approve -no-color -input=false >destroy.out 2>&1 && ok=1 || ok=0
check "destroy succeeds" succeeded destroy.out
check "vers-local holds no VMs, commits or tags" test "$(counters)" = "0 0 0"
check "vers-local holds no repositories" test "$(api /repositories | json 'len(d["repositories"])')" = 0
finish
