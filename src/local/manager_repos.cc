// VmManager: repositories, their tags, public repositories and forks.
// Behaviour as the real API's route tests show it (the orchestrator's
// repository route tests: 409 for a taken repository or tag name, 404 for a
// tag in a missing repository, new repositories private, private ones
// invisible under /public, forking a private or missing source 404) and as
// hdresearch/vers-cli (cmd/repo.go) describes it: deleting a repository
// deletes its tags but not the commits; a fork makes a VM, commits it and
// creates a repository with a tag pointing to that commit.
#include "local/manager.h"
#include "local/tag_records.h"

namespace vers::local {
namespace {

ApiError BadName(const char* what, const std::string& name) {
  return BadRequest(std::string("invalid ") + what + " \"" + name.substr(0, 80) +
                    "\": use 1-64 letters, digits, '-', '_' or '.'");
}

}  // namespace

std::vector<RepoRecord> VmManager::Repos() {
  base::MutexLock lock(mu_);
  return RecordsOf(state_.repos);
}

Outcome<RepoRecord> VmManager::GetRepo(const std::string& name) {
  base::MutexLock lock(mu_);
  return FindRecord(state_.repos, name, "repository");
}

Outcome<RepoRecord> VmManager::CreateRepo(const std::string& name,
                                          std::optional<std::string> description) {
  if (!ValidName(name)) return BadName("repository name", name);
  base::MutexLock lock(mu_);
  if (state_.repos.count(name)) return Conflict("repository " + name + " already exists");
  RepoRecord r;
  r.id = base::NewRandomUuid();
  r.name = name;
  r.description = std::move(description);
  r.created_at = NowRfc3339();
  state_.repos[name] = r;
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return r;
}

Outcome<Done> VmManager::DeleteRepo(const std::string& name) {
  base::MutexLock lock(mu_);
  if (!state_.repos.erase(name)) return NotFound("repository " + name);
  return SaveLocked();
}

Outcome<Done> VmManager::SetRepoVisibility(const std::string& name, bool is_public) {
  base::MutexLock lock(mu_);
  auto r = state_.repos.find(name);
  if (r == state_.repos.end()) return NotFound("repository " + name);
  r->second.is_public = is_public;
  return SaveLocked();
}

Outcome<RepoTagRecord> VmManager::GetRepoTag(const std::string& repo, const std::string& tag) {
  base::MutexLock lock(mu_);
  auto r = state_.repos.find(repo);
  if (r == state_.repos.end()) return NotFound("repository " + repo);
  auto t = r->second.tags.find(tag);
  if (t == r->second.tags.end()) return NotFound("tag " + tag + " in repository " + repo);
  return t->second;
}

Outcome<RepoTagRecord> VmManager::CreateRepoTag(const std::string& repo, const std::string& tag,
                                                const std::string& commit_id,
                                                std::optional<std::string> description) {
  if (!ValidName(tag)) return BadName("tag name", tag);
  base::MutexLock lock(mu_);
  auto r = state_.repos.find(repo);
  if (r == state_.repos.end()) return NotFound("repository " + repo);
  if (r->second.tags.count(tag)) return Conflict("tag " + repo + ":" + tag + " already exists");
  if (!state_.commits.count(commit_id)) return NotFound("commit " + commit_id);
  auto t = NewTagRecord<RepoTagRecord>(tag, commit_id, std::move(description));
  r->second.tags[tag] = t;
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return t;
}

Outcome<Done> VmManager::UpdateRepoTag(const std::string& repo, const std::string& tag,
                                       const TagPatch& patch) {
  base::MutexLock lock(mu_);
  auto r = state_.repos.find(repo);
  if (r == state_.repos.end()) return NotFound("repository " + repo);
  auto t = r->second.tags.find(tag);
  if (t == r->second.tags.end()) return NotFound("tag " + tag + " in repository " + repo);
  // The spec's 400 "No updates provided".
  if (!patch.commit_id && !patch.set_description)
    return BadRequest("no updates provided: give commit_id or description");
  if (auto patched = PatchTagRecord(t->second, patch, state_.commits); !patched.ok())
    return patched.error();
  return SaveLocked();
}

Outcome<Done> VmManager::DeleteRepoTag(const std::string& repo, const std::string& tag) {
  base::MutexLock lock(mu_);
  auto r = state_.repos.find(repo);
  if (r == state_.repos.end()) return NotFound("repository " + repo);
  if (!r->second.tags.erase(tag)) return NotFound("tag " + tag + " in repository " + repo);
  return SaveLocked();
}

std::vector<RepoRecord> VmManager::PublicRepos() {
  base::MutexLock lock(mu_);
  std::vector<RepoRecord> out;
  for (const auto& [name, r] : state_.repos)
    if (r.is_public) out.push_back(r);
  return out;
}

Outcome<RepoRecord> VmManager::GetPublicRepo(const std::string& org, const std::string& name) {
  base::MutexLock lock(mu_);
  auto r = state_.repos.find(name);
  if (org != kLocalOrgName || r == state_.repos.end() || !r->second.is_public)
    return NotFound("public repository " + org + "/" + name);
  return r->second;
}

Outcome<std::string> VmManager::ResolveRef(const std::string& repo, const std::string& tag) {
  auto t = GetRepoTag(repo, tag);
  if (!t.ok()) return t.error();
  return t.value().commit_id;
}

Outcome<ForkResult> VmManager::Fork(const ForkParams& p) {
  ForkResult out;
  out.repo_name = p.repo_name.value_or(p.source_repo);
  out.tag_name = p.tag_name.value_or(p.source_tag);
  base::MutexLock lock(mu_);
  auto src = state_.repos.find(p.source_repo);
  const std::string source = p.source_org + "/" + p.source_repo + ":" + p.source_tag;
  if (p.source_org != kLocalOrgName || src == state_.repos.end() || !src->second.is_public)
    return NotFound("public repository " + p.source_org + "/" + p.source_repo);
  auto tag = src->second.tags.find(p.source_tag);
  if (tag == src->second.tags.end()) return NotFound("tag " + source);
  auto c = state_.commits.find(tag->second.commit_id);
  if (c == state_.commits.end()) return NotFound("commit of " + source);
  if (!ValidName(out.repo_name)) return BadName("repository name", out.repo_name);
  if (!ValidName(out.tag_name)) return BadName("tag name", out.tag_name);
  if (state_.repos.count(out.repo_name))
    return Conflict("repository " + out.repo_name + " already exists");
  if (auto room = RoomForLocked(1); !room.ok()) return room.error();
  auto vm = CreateFromCommitLocked(c->second);
  if (!vm.ok()) return vm.error();
  out.vm_id = vm.value();
  // The fork's VM has run nothing yet: its commit is the source's layers
  // under a new, empty layer of its own.
  CommitParams fork_commit;
  fork_commit.nothing_written = true;
  auto commit = CommitLocked(state_.vms.at(out.vm_id), fork_commit);
  if (!commit.ok()) {
    // Nothing of a failed fork remains, as nothing of a failed commit does
    // in the orchestrator (its commit action rolls back what it made).
    Status cleanup = rt_.Destroy(out.vm_id);
    state_.vms.erase(out.vm_id);
    ready_after_.erase(out.vm_id);
    if (auto s = SaveLocked(); !s.ok()) return s.error();
    if (!cleanup.ok())
      return Internal(commit.error().message + "; cleaning up: " + cleanup.message());
    return commit.error();
  }
  out.commit_id = commit.value();
  RepoRecord r;
  r.id = base::NewRandomUuid();
  r.name = out.repo_name;
  r.created_at = NowRfc3339();
  r.tags[out.tag_name] = RepoTagRecord{base::NewRandomUuid(), out.tag_name, out.commit_id,
                                       std::nullopt,          r.created_at, r.created_at};
  state_.repos[out.repo_name] = std::move(r);
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return out;
}

}  // namespace vers::local
