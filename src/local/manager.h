// VmManager: the business logic of the Vers API over a Store and a VmRuntime.
//
// Contract:
//  - Every public method is thread-safe (one internal mutex); state changes
//    are persisted before the method returns.
//  - State transitions: booting -> running (sshd answers and slow_boot_ms has
//    elapsed), running <-> paused, any -> dead (sandbox gone).
//  - A VM cannot be deleted while VMs made from one of its commits exist; a
//    commit cannot be deleted while a VM, another commit or a tag uses it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "base/thread_annotations.h"
#include "local/manager_params.h"
#include "local/model.h"
#include "local/outcome.h"
#include "local/runtime.h"
#include "local/store.h"

namespace vers::local {

class VmManager {
 public:
  struct Options {
    int64_t boot_timeout_ms = 60000;        // wait_boot limit
    std::function<int64_t()> slow_boot_ms;  // injected boot delay (may be empty)
    int64_t max_vms = 0;                    // VMs at once (403 beyond); 0: no limit
  };
  VmManager(Store store, State state, VmRuntime& runtime, Options options);

  // Starts VMs persisted as booting/running/paused (paused ones end up frozen).
  void RestoreAll();
  // Stops every sandbox; records stay as they are so a restart restores them.
  void Shutdown();

  const std::string& owner_id() const { return state_.owner_id; }

  Outcome<std::string> NewRoot(const VmConfig& config, bool wait_boot);
  // `ref` is a commit id or (by_tag) a tag name.
  Outcome<std::string> FromCommit(const std::string& ref, bool by_tag, bool wait_boot);
  // Branch from a VM (implicit commit) or from a commit id.
  Outcome<std::vector<std::string>> Branch(const std::string& vm_or_commit, int count,
                                           bool keep_paused, bool wait_boot);
  Outcome<VmRecord> Get(const std::string& vm_id);
  std::vector<VmRecord> List();
  Outcome<std::string> Commit(const std::string& vm_id, const CommitParams& p);
  Outcome<Done> Delete(const std::string& vm_id);
  Outcome<Done> SetState(const std::string& vm_id, const std::string& requested);
  Outcome<std::string> PrivateKey(const std::string& vm_id);
  Outcome<Done> ResizeDisk(const std::string& vm_id, int64_t fs_size_mib);
  Outcome<Done> SetLabels(const std::string& vm_id, const Labels& labels);

  std::vector<CommitRecord> Commits();
  Outcome<CommitRecord> GetCommit(const std::string& id);
  Outcome<CommitRecord> UpdateCommit(const std::string& id, bool is_public,
                                     std::optional<std::string> name,
                                     std::optional<std::string> description);
  Outcome<Done> DeleteCommit(const std::string& id);
  // The commit and its ancestors, newest first.
  Outcome<std::vector<CommitRecord>> CommitChain(const std::string& id);

  std::vector<TagRecord> Tags();
  Outcome<TagRecord> GetTag(const std::string& name);
  Outcome<TagRecord> CreateTag(const std::string& name, const std::string& commit_id,
                               std::optional<std::string> description);
  Outcome<Done> UpdateTag(const std::string& name, const TagPatch& patch);
  Outcome<Done> DeleteTag(const std::string& name);

  // Repositories (manager_repos.cc): named groups of tags, private until
  // made public. Repository and tag names are 1-64 letters, digits, '-',
  // '_' or '.' (400 otherwise); a taken name is 409. Deleting a repository
  // deletes its tags, never their commits.
  std::vector<RepoRecord> Repos();
  Outcome<RepoRecord> GetRepo(const std::string& name);
  Outcome<RepoRecord> CreateRepo(const std::string& name, std::optional<std::string> description);
  Outcome<Done> DeleteRepo(const std::string& name);
  Outcome<Done> SetRepoVisibility(const std::string& name, bool is_public);
  Outcome<RepoTagRecord> GetRepoTag(const std::string& repo, const std::string& tag);
  Outcome<RepoTagRecord> CreateRepoTag(const std::string& repo, const std::string& tag,
                                       const std::string& commit_id,
                                       std::optional<std::string> description);
  Outcome<Done> UpdateRepoTag(const std::string& repo, const std::string& tag,
                              const TagPatch& patch);
  Outcome<Done> DeleteRepoTag(const std::string& repo, const std::string& tag);
  // The public repositories; one of `org` (kLocalOrgName is the only org):
  // 404 when it does not exist or is private.
  std::vector<RepoRecord> PublicRepos();
  Outcome<RepoRecord> GetPublicRepo(const std::string& org, const std::string& name);
  // A VM from the public source tag, committed, and a new private repository
  // with a tag on that commit. The source must be public (404 otherwise).
  Outcome<ForkResult> Fork(const ForkParams& p);
  // The commit that tag `tag` of repository `repo` points to (404 when either
  // does not exist).
  Outcome<std::string> ResolveRef(const std::string& repo, const std::string& tag);

  // Base images (manager_images.cc). A name is taken once (409), also
  // "default"; an image used by a VM or a commit cannot be deleted (409).
  std::vector<BaseImageRecord> Images();  // oldest first
  Outcome<BaseImageRecord> GetImage(const std::string& name);
  // POST /images/create: vers-local pulls nothing, so the image is failed.
  Outcome<BaseImageRecord> CreateImage(const ImageParams& p);
  // POST /images/upload: `archive` becomes the image's layer; the image is
  // ready, or failed with the reason the archive was refused.
  Outcome<BaseImageRecord> UploadImage(const ImageParams& p, const std::string& archive);
  // DELETE /images/images/{id}: the id deleted.
  Outcome<std::string> DeleteImage(const std::string& image_id);

  // Account settings (manager_account.cc). Env vars: keys are shell
  // identifiers of at most 256 characters, values at most 8192 (400
  // otherwise); `replace` drops every other key first. Domains: a domain
  // name is taken once (409), its VM must exist (404); a VM's domains go
  // with it.
  std::map<std::string, std::string> EnvVars();
  Outcome<std::map<std::string, std::string>> SetEnvVars(
      const std::map<std::string, std::string>& vars, bool replace);
  Outcome<Done> DeleteEnvVar(const std::string& key);
  std::vector<DomainRecord> Domains(const std::optional<std::string>& vm_id);
  Outcome<DomainRecord> GetDomain(const std::string& id);
  Outcome<DomainRecord> CreateDomain(const std::string& vm_id, const std::string& domain);
  Outcome<Done> DeleteDomain(const std::string& id);

  // The loopback port of a VM's own sshd (what the SNI front forwards to),
  // or nullopt when the VM is unknown, dead or not started.
  std::optional<int> BackendPort(const std::string& vm_id);
  // Counts one authorized request to the Vers API (/api/v1/...), whatever
  // its answer, under the spec operationId it is for ("other" when none):
  // tests measure which calls a client makes per resource.
  void CountApiRequest(const std::string& operation_id);
  // The counts by operationId, plus "total".
  std::map<std::string, int64_t> ApiRequests();
  std::map<std::string, int64_t> Counters();

 private:
  // The *Locked helpers run with mu_ held (clang's -Wthread-safety checks it).
  Outcome<Done> SaveLocked() REQUIRES(mu_);
  // SaveLocked for paths with nobody to answer: a failure is printed.
  void SaveOrWarnLocked() REQUIRES(mu_);
  // 403 when `more` VMs would pass max_vms, as the real API refuses a
  // resource limit (BranchVMError::ResourceLimitExceeded).
  Outcome<Done> RoomForLocked(int64_t more) const REQUIRES(mu_);
  void RefreshLocked(VmRecord& vm) REQUIRES(mu_);
  Outcome<std::string> CreateFromCommitLocked(const CommitRecord& c) REQUIRES(mu_);
  // Records a new pending image (400 for a bad name, 409 for a taken one).
  Outcome<BaseImageRecord> ReserveImageLocked(const ImageParams& p) REQUIRES(mu_);
  // The layers of a new root VM with `image_name` (400 unless ready).
  Outcome<std::vector<std::string>> ImageLayersLocked(const std::optional<std::string>& image_name)
      REQUIRES(mu_);
  // Images a killed server left pending can never finish: failed.
  void FailInterruptedImagesLocked() REQUIRES(mu_);
  Outcome<std::string> CommitLocked(VmRecord& vm, const CommitParams& p) REQUIRES(mu_);
  // Waits (without the lock) until every VM in `ids` is running.
  Outcome<Done> WaitRunning(const std::vector<std::string>& ids) EXCLUDES(mu_);

  base::Mutex mu_;
  Store store_ GUARDED_BY(mu_);
  State state_ GUARDED_BY(mu_);
  VmRuntime& rt_;    // takes calls from any thread (runtime.h)
  Options options_;  // read-only after construction
  base::Mutex requests_mu_;
  std::map<std::string, int64_t> api_requests_ GUARDED_BY(requests_mu_);
  // vm id -> earliest running time (ms)
  std::map<std::string, int64_t> ready_after_ GUARDED_BY(mu_);
};

}  // namespace vers::local
