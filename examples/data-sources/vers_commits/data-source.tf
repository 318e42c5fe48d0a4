# Reuse a golden image when one exists: look the commit up by tag, and
# restore from it.
data "vers_commits" "golden" {
  tag = "golden"
}

resource "vers_vm_restore" "worker" {
  count     = data.vers_commits.golden.latest_commit_id == null ? 0 : 1
  commit_id = data.vers_commits.golden.latest_commit_id
}
