// Plain data types of the Vers API (orchestrator.openapi.json), as the
// provider uses them. Optional fields of the API are std::optional here.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vers::client {

// VM labels: name to value, ordered so that bodies and hashes are stable.
using Labels = std::map<std::string, std::string>;

// VmCreateVmConfig: unset fields take the API's defaults.
struct VmConfig {
  std::optional<int64_t> vcpu_count;
  std::optional<int64_t> mem_size_mib;
  std::optional<int64_t> fs_size_mib;
  Labels labels;
};

// VM (list/status) merged with VmMetadataResponse where the provider needs it.
struct Vm {
  // The VM's id (a UUID).
  std::string vm_id;
  std::string owner_id;
  // RFC 3339, as the API wrote it.
  std::string created_at;
  std::string state;  // booting, running, paused, sleeping, dead
  Labels labels;
};

// VmMetadataResponse: GET /vm/{id}/metadata.
struct VmMetadata {
  std::string vm_id;
  // As Vm::state.
  std::string state;
  // RFC 3339 times of creation and last change.
  std::string created_at;
  // The VM's address inside Vers (may be empty while booting).
  std::string ip;
  // The commit it was restored or branched from; unset for a root VM.
  std::optional<std::string> parent_commit_id;
  std::optional<std::string> grandparent_vm_id;  // the VM the parent commit was taken of
};

// VmSshKeyResponse: GET /vm/{id}/ssh_key.
struct SshKey {
  std::string private_key;  // secret: OpenSSH format
  // ssh_port: the port DNAT'd to the VM's netns inside Vers (spec
  // VmSshKeyResponse), not where a client dials; that is the TLS front.
  int64_t forwarded_port = 0;
};

// The options of a commit (VmCommitRequest and the query of POST
// /vm/{id}/commit).
struct CommitOptions {
  // Leave the VM paused after the snapshot instead of resuming it.
  bool keep_paused = false;
  // The commit's name and description; unset: none.
  std::optional<std::string> name;
  // Set when the tag has one.
  std::optional<std::string> description;
  // What the commit is for, as a stable key (the VM and the resource's
  // inputs). When set, the commit ids asked for are derived from it, so that
  // the same commit asked for again (after the provider was killed) finds
  // the commit already made; when empty, ids are random.
  std::string intent;
};

// CommitInfo (GET /commits) or VmCommitEntity (the parents chain).
struct Commit {
  // The commit's id (a UUID).
  std::string commit_id;
  // Its name ("" when it has none) and creation time (RFC 3339).
  std::string name;
  std::string created_at;
  std::optional<std::string> description;
  // The VM it was taken of.
  std::optional<std::string> parent_vm_id;
  std::optional<std::string> grandparent_commit_id;  // the commit the parent VM came from
  bool is_public = false;                            // readable and restorable by anyone
};

// One page of ListCommitsResponse.
struct CommitPage {
  // This page's commits.
  std::vector<Commit> commits;
  int64_t total = 0;  // commits in all pages
};

// TagInfo: a named pointer to a commit, in the account's namespace.
struct Tag {
  // The tag's id, name, and the commit it points to.
  std::string tag_id;
  std::string tag_name;
  std::string commit_id;
  std::optional<std::string> description;
  std::string created_at;
  std::string updated_at;
};

// RepositoryInfo: a named group of tags in the account's organization.
struct Repository {
  std::string repo_id;
  std::string name;
  std::optional<std::string> description;
  bool is_public = false;
  std::string created_at;
};

// RepoTagInfo: a movable name for a commit inside a repository.
struct RepoTag {
  std::string tag_id;
  std::string tag_name;
  std::string reference;  // "repo_name:tag_name"
  std::string commit_id;
  std::optional<std::string> description;
  std::string created_at;
  std::string updated_at;
};

// PublicRepositoryInfo: a public repository of any organization.
struct PublicRepository {
  std::string repo_id;
  std::string org_name;
  std::string name;
  std::string full_name;  // "org_name/name"
  std::optional<std::string> description;
  std::string created_at;
};

// ForkRepositoryRequest: unset names default to the source's.
struct ForkRequest {
  std::string source_org, source_repo, source_tag;
  std::optional<std::string> repo_name, tag_name;
};

// ForkRepositoryResponse: the VM the fork made, its commit, and the new
// repository's tag on that commit.
struct ForkResult {
  std::string vm_id, commit_id, repo_name, tag_name, reference;
};

// A reference to a tag of one of the account's repositories: "repo:tag", as
// POST /vm/from_commit {"ref"} and /vm/branch/by_ref/{repo}/{tag} take it.
struct RepoRef {
  std::string repo, tag;
  std::string str() const { return repo + ":" + tag; }
};

// A tag of a public repository: "org/repo:tag", as `vers repo fork` takes it
// (hdresearch/vers-cli cmd/repo.go parseRepoRef).
struct PublicRef {
  std::string org, repo, tag;
  std::string str() const { return org + "/" + repo + ":" + tag; }
};

}  // namespace vers::client
