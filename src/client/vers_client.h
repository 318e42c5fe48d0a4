// VersClient: one typed function per Vers API endpoint the provider uses.
//
// Every call takes a deadline; transport retries and cancellation come from
// HttpClient. API errors become Status values whose message carries the
// API's own error text and the HTTP status, with codes kNotFound (404),
// kConflict (409) and kUnauthorized (401/403) for callers to branch on.
//
// Creates never make an object twice by themselves: the Vers API has no
// idempotency keys, so each create is sent once per attempt and, when its
// outcome is unknown (no answer, a 5xx), looked for before it is sent again
// (client/reconcile.h). How each create is found is stated below. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/claimed_vms.h"
#include "client/http_client.h"
#include "client/reconcile.h"
#include "client/vers_types.h"

namespace vers::client {

// When a call (with its retries and waits) must have finished.
using Deadline = std::chrono::steady_clock::time_point;

// The label a root VM is created with (a fresh UUID per create) so that a
// create whose answer was lost is found among the VMs. Reads leave it out of
// Vm::labels, and configured labels may not use it.
inline constexpr const char* kCreateTokenLabel = "terraform-provider-vers.create-token";

// Label keys under this prefix are the provider's own: configured labels may
// not use them, and vers_vm's `labels` leaves them out. Commits and tags
// cannot carry labels (CommitInfo and TagInfo have none in the spec).
inline constexpr const char* kOwnLabelPrefix = "terraform-provider-vers.";
// Every VM the provider makes carries kManagedByLabel = kManagedByValue and
// kResourceTypeLabel = the resource type that made it ("vers_vm_restore"),
// so that VMs a killed provider could not record are found with
// `data "vers_vms"` filtered by these labels.
inline constexpr const char* kManagedByLabel = "terraform-provider-vers.managed-by";
inline constexpr const char* kManagedByValue = "terraform";
inline constexpr const char* kResourceTypeLabel = "terraform-provider-vers.resource";

// `labels` plus the managed-by labels for a VM made by `resource_type`.
Labels WithManagedLabels(Labels labels, const std::string& resource_type);
// `labels` without the provider's own keys.
Labels WithoutOwnLabels(Labels labels);

// The spec types a base image's status as a bare string and names no
// values (BaseImageStatusResponse), and no public client reads it. These
// sets are the provider's reading of it; any other status is taken as still
// in progress (so a ready image under an unknown name times out, with the
// status in the error, rather than passing as ready).
bool ImageStatusIsReady(const std::string& status);
bool ImageStatusIsFailed(const std::string& status);

class VersClient {
 public:
  // `stop` (may be null) is read, never written; it must outlive the client.
  VersClient(HttpOptions options, const std::atomic<bool>* stop);

  // POST /vm/new_root. A lost create is found by its creation-token label.
  Result<std::string> NewRootVm(const VmConfig& config, bool wait_boot, Deadline d);
  Result<std::vector<Vm>> ListVms(Deadline d);
  Result<Vm> GetVmStatus(const std::string& vm_id, Deadline d);
  Result<VmMetadata> GetVmMetadata(const std::string& vm_id, Deadline d);
  // The VMs restored or branched from `commit_id` (GET /vms, then each VM's
  // metadata): what blocks deleting that commit.
  Result<std::vector<Vm>> VmsFromCommit(const std::string& commit_id, Deadline d);
  Status DeleteVm(const std::string& vm_id, Deadline d);
  // POST /vm/{id}/commit with a client-chosen commit_id (VmCommitRequest:
  // "chelsea will use the requested commit UUID"); a lost commit is found
  // by that id. With `options.intent` the ids are base::DerivedUuid(intent + "#n")
  // for n = 0, 1, ...: a taken id whose commit is a commit of `vm_id` is that
  // commit (asked for before by an apply that could not record it); a taken
  // id with no commit (deleted: the API keeps deleted ids taken) moves on to
  // the next n.
  Result<std::string> CommitVm(const std::string& vm_id, const CommitOptions& options, Deadline d);
  // POST /vm/from_commit; exactly one of commit_id / tag_name is non-empty.
  // The request carries nothing to find a lost restore by, so it is found
  // as a VM of that commit, created since the request was sent (allowing
  // kClockSkew), that no other create of this client has taken
  // (ClaimedVms). A VM restored from the same commit by someone else within
  // that window could be taken for it.
  Result<std::string> RestoreFromCommit(const std::string& commit_id, const std::string& tag_name,
                                        Deadline d);
  // POST /vm/{id}/branch. With count 1, a lost branch is found as a restore
  // is: a VM whose parent commit (or, branching a VM, the VM its commit was
  // taken of) is the source. Larger counts are not looked for.
  Result<std::vector<std::string>> Branch(const std::string& vm_or_commit_id, bool keep_paused,
                                          int count, Deadline d);
  // state: "Paused" or "Running".
  Status SetVmState(const std::string& vm_id, const std::string& state, Deadline d);
  Result<SshKey> GetSshKey(const std::string& vm_id, Deadline d);
  Status ResizeDisk(const std::string& vm_id, int64_t fs_size_mib, Deadline d);
  Status SetLabels(const std::string& vm_id, const Labels& labels, Deadline d);
  // Every commit, newest first as the API lists them, paging through
  // GET /commits (the API answers at most 100 per page).
  Result<std::vector<Commit>> ListCommits(Deadline d);
  // One commit; kNotFound when it does not exist. The spec has no
  // single-commit endpoint: GET /vm/commits/{id}/parents lists the commit
  // and its ancestors, the commit first.
  Result<Commit> GetCommit(const std::string& commit_id, Deadline d);
  Status DeleteCommit(const std::string& commit_id, Deadline d);
  // POST /commit_tags, then the tag as read back. Tag names are unique: a
  // lost create is found by its name (pointing at `commit_id`). Once the tag
  // exists this succeeds: when it cannot be read back (a stop, an error),
  // the result is the tag as requested with an empty `created_at`, so that
  // the caller still records what was made.
  Result<Tag> CreateTag(const std::string& name, const std::string& commit_id,
                        const std::optional<std::string>& description, Deadline d);
  // GET and PATCH (CreateTag's body, without the name) of
  // /commit_tags/{name}; kNotFound when there is no such tag.
  Result<Tag> GetTag(const std::string& name, Deadline d);
  Status UpdateTag(const std::string& name, const std::string& commit_id,
                   const std::optional<std::string>& description, Deadline d);
  // DELETE /commit_tags/{name}; kNotFound when there is no such tag.
  Status DeleteTag(const std::string& name, Deadline d);

  // PATCH /commits/{id} (UpdateCommitRequest: is_public is required, name
  // and description are changed only when set); the commit as answered.
  Result<Commit> UpdateCommit(const std::string& commit_id, bool is_public,
                              const std::optional<std::string>& name,
                              const std::optional<std::string>& description, Deadline d);
  // Every public commit, paging through GET /commits/public as ListCommits.
  Result<std::vector<Commit>> ListPublicCommits(Deadline d);
  // GET /vm/commits/{id}/parents: the commit, then its ancestors to the root.
  Result<std::vector<Commit>> CommitLineage(const std::string& commit_id, Deadline d);

  // ---- Repositories (vers_repos.cc) -------------------------------------
  // A repository groups tags ("repo:tag") of the account's commits; names
  // are unique in the account, so a lost create is found by its name.
  // Deleting a repository deletes its tags, never their commits.

  // POST /repositories, then the repository as read back (or, when that
  // read fails, as requested with an empty repo_id: it exists either way).
  Result<Repository> CreateRepository(const std::string& name,
                                      const std::optional<std::string>& description, Deadline d);
  // GET, GET of the list, and DELETE of /repositories/{name}; kNotFound
  // when there is no such repository.
  Result<Repository> GetRepository(const std::string& name, Deadline d);
  Result<std::vector<Repository>> ListRepositories(Deadline d);
  Status DeleteRepository(const std::string& name, Deadline d);
  // PATCH /repositories/{name}/visibility.
  Status SetRepositoryVisibility(const std::string& name, bool is_public, Deadline d);

  // POST /repositories/{repo}/tags, then the tag as read back (or as
  // requested, with empty times, when that read fails). A lost create is
  // found by the tag's name, pointing at `commit_id`.
  Result<RepoTag> CreateRepoTag(const RepoRef& ref, const std::string& commit_id,
                                const std::optional<std::string>& description, Deadline d);
  // One tag of a repository, or all of them; kNotFound when there is none.
  Result<RepoTag> GetRepoTag(const RepoRef& ref, Deadline d);
  Result<std::vector<RepoTag>> ListRepoTags(const std::string& repo, Deadline d);
  // PATCH …/tags/{tag}: moves the tag to `commit_id` and sets the
  // description (nullopt clears it).
  Status UpdateRepoTag(const RepoRef& ref, const std::string& commit_id,
                       const std::optional<std::string>& description, Deadline d);
  // DELETE …/tags/{tag}; kNotFound when there is no such tag.
  Status DeleteRepoTag(const RepoRef& ref, Deadline d);

  // The public views (/public/repositories/…), of any organization.
  Result<std::vector<PublicRepository>> ListPublicRepositories(Deadline d);
  Result<PublicRepository> GetPublicRepository(const std::string& org, const std::string& name,
                                               Deadline d);
  // The tags of org's public repository `name`.
  Result<std::vector<RepoTag>> ListPublicRepoTags(const std::string& org, const std::string& name,
                                                  Deadline d);

  // POST /repositories/fork: the API restores a VM from the public tag,
  // commits it and tags that commit in a new repository. A lost fork is
  // found by the new repository's tag; its VM is the commit's parent VM.
  Result<ForkResult> ForkRepository(const ForkRequest& request, Deadline d);

  // POST /vm/from_commit {"ref": "repo:tag"}; a lost restore is found as
  // RestoreFromCommit's is, from the commit the tag points to.
  Result<std::string> RestoreFromRef(const RepoRef& ref, Deadline d);
  // POST /vm/branch/by_ref/{repo}/{tag} for one VM, found the same way.
  Result<std::string> BranchByRef(const RepoRef& ref, Deadline d);

  // ---- Base images (vers_images.cc) -------------------------------------
  // Image names are unique in the account, so a lost create or upload is
  // found by GET /images/{name}/status. Both start a job: wait on the
  // status (ImageStatusIsReady / ImageStatusIsFailed) for its outcome.

  // POST /images/create (CreateBaseImageRequest); the status it answered.
  Result<std::string> CreateImage(const std::string& name,
                                  const std::optional<std::string>& description,
                                  const ImageSource& source, std::optional<int64_t> size_mib,
                                  Deadline d);
  // POST /images/upload?image_name=…&size_mib=… with the archive at
  // `archive_path` as the raw body (application/octet-stream): the spec
  // puts both parameters on a path without placeholders, so in the query,
  // and declares no body; no public client shows the encoding. The status
  // it answered.
  Result<std::string> UploadImage(const std::string& name, std::optional<int64_t> size_mib,
                                  const std::string& archive_path, Deadline d);
  // GET /images/{name}/status; kNotFound when there is no such image.
  Result<BaseImageStatus> GetImageStatus(const std::string& name, Deadline d);
  // Every base image, paging through GET /images (at most 100 a page).
  Result<std::vector<BaseImage>> ListImages(Deadline d);
  // The image named `name` from ListImages; kNotFound when there is none.
  Result<BaseImage> FindImage(const std::string& name, Deadline d);
  // DELETE /images/images/{base_image_id}.
  Status DeleteImage(const std::string& base_image_id, Deadline d);

  // ---- Account settings (vers_account.cc) -------------------------------
  // Env vars are the account's, written into each new VM's /etc/environment
  // at boot (SetEnvVarsRequest). GET /env_vars answers every key with its
  // value (EnvVarsResponse; hdresearch/vers-cli `vers env list` prints them).
  // Values are secrets: they go only into request bodies, never into logs
  // or error text.
  Result<std::map<std::string, std::string>> ListEnvVars(Deadline d);
  // PUT /env_vars {"vars": {key: value}, "replace": false}: an upsert of one
  // key, leaving the others alone.
  Status SetEnvVar(const std::string& key, const std::string& value, Deadline d);
  Status DeleteEnvVar(const std::string& key, Deadline d);

  // POST /domains. A domain name is bound once (409 "Domain already
  // exists"), so a lost create is found among the VM's domains by name.
  Result<Domain> CreateDomain(const std::string& vm_id, const std::string& domain, Deadline d);
  Result<Domain> GetDomain(const std::string& domain_id, Deadline d);
  // GET /domains, of one VM when `vm_id` is set.
  Result<std::vector<Domain>> ListDomains(const std::optional<std::string>& vm_id, Deadline d);
  Status DeleteDomain(const std::string& domain_id, Deadline d);

  // ---- Inside a VM (vers_exec.cc) ---------------------------------------
  // PUT /vm/{id}/files: writes `content` to `path` with `mode`, creating the
  // parent directories when asked. Writing the same bytes again is harmless,
  // so it is retried as a PATCH is.
  Status WriteFile(const std::string& vm_id, const std::string& path, std::string_view content,
                   int mode, bool create_dirs, Deadline d);
  // GET /vm/{id}/files?path=…: the file's bytes. A file that cannot be read
  // (missing, a directory) is a server error (500) like any failure inside
  // the VM: the API does not tell them apart; an unknown VM is kNotFound.
  Result<std::string> ReadFile(const std::string& vm_id, const std::string& path, Deadline d);
  // POST /vm/{id}/exec: runs a short command and answers its output whole.
  // Sent once (a lost answer is an error: the command may have run).
  // `see_through`: sent even after a stop (the clean-up after a Ctrl-C).
  Result<ExecResult> Exec(const std::string& vm_id, const ExecRequest& r, Deadline d,
                          bool see_through = false);
  // How ExecStream hands output over: bytes of stdout or stderr, in order.
  using ExecOutput = std::function<void(bool is_stderr, std::string_view bytes)>;
  // POST /vm/{id}/exec/stream with an exec_id of its own, the output handed
  // to `on_output` as it arrives; the exit code once the command ended.
  // A stream that breaks before the exit is resumed with POST
  // .../exec/stream/attach from the last cursor seen (exclusive), with
  // backoff, up to kExecResumes times: the command is never sent twice
  // (only when its request certainly did not leave). A stream that ends
  // cleanly without an exit twice in a row is an error (the command was
  // stopped on the VM: its timeout_secs passed, or the VM restarted). The
  // stop flag (Ctrl-C) ends the wait with kCancelled and leaves the command
  // running: the caller stops it (the API has no call to).
  Result<int> ExecStream(const std::string& vm_id, const ExecRequest& r,
                         const ExecOutput& on_output, Deadline d);
  // How many times ExecStream resumes a broken stream before failing.
  static constexpr int kExecResumes = 8;

  // HTTP requests put on the wire, retries included (benchmarks).
  uint64_t requests_sent() const { return http_.requests_sent(); }

  // How far the API's clock may be behind ours when a lost restore or
  // branch is looked for by creation time.
  static constexpr std::chrono::seconds kClockSkew{10};

 private:
  // Sends and maps non-2xx answers (and a create's missing answer) to
  // Status with the API's error text. `see_through`: see HttpRequest.
  Result<std::string> Call(const std::string& method, const std::string& path,
                           const std::string& body, Deadline d, bool see_through = false);
  // One attempt at a create (POST): the answer body, and whether a failure
  // may have created something.
  CreateAttempt<std::string> Create(const std::string& path, const std::string& body, Deadline d);
  // Create's counterpart for a body streamed from `file` (octet-stream).
  CreateAttempt<std::string> Upload(const std::string& path, const std::string& file, Deadline d);
  ReconcileOptions Reconcile(std::string what, Deadline d) const;
  // The status of image `name` once a create or upload of it may have
  // started; nullopt when there is no such image.
  Result<std::optional<std::string>> FindStarted(const std::string& name, Deadline d);
  // The VMs with the creation token left in their labels.
  Result<std::vector<Vm>> ListVmsWithTokens(Deadline d, bool see_through);
  Result<Commit> ReadCommit(const std::string& commit_id, Deadline d, bool see_through);
  Result<Tag> ReadTag(const std::string& name, Deadline d, bool see_through);
  Result<RepoTag> ReadRepoTag(const RepoRef& ref, Deadline d, bool see_through);
  // Pages through GET `path` (/commits or /commits/public).
  Result<std::vector<Commit>> ListCommitPages(const std::string& path, Deadline d);
  // An unclaimed VM made from `source` (a commit, or the VM a commit was
  // taken of) since `sent`, now claimed; nullopt when there is none.
  Result<std::optional<std::string>> FindDerivedVm(const std::string& source,
                                                   std::chrono::system_clock::time_point sent,
                                                   Deadline d);
  // Runs a restore or branch create (`create` answers the new VM's id) with
  // reconciliation by FindDerivedVm; `source` is what to look for, or a
  // function that resolves it (a tag) at lookup time.
  Result<std::string> CreateDerivedVm(const std::string& what,
                                      const std::function<CreateAttempt<std::string>()>& create,
                                      const std::function<Result<std::string>()>& source,
                                      Deadline d);

  HttpClient http_;
  const std::atomic<bool>* stop_;
  ClaimedVms claimed_;
};

}  // namespace vers::client
