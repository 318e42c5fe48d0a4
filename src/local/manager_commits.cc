// VmManager: commits (taking, listing, updating, deleting) and lineages.
#include <algorithm>

#include "base/uuid.h"
#include "local/ids.h"
#include "local/manager.h"

namespace vers::local {

Outcome<std::string> VmManager::CommitLocked(VmRecord& vm, const CommitParams& p) {
  RefreshLocked(vm);
  if (vm.state == "dead") return BadRequest("VM " + vm.id + " is dead");
  std::string cid = p.commit_id.value_or(base::NewRandomUuid());
  if (!base::IsUuid(cid)) return BadRequest("commit_id must be a UUID");
  // The orchestrator inserts the commit's row under the requested id before
  // anything else and maps a failed insert to 500 (its commit_vm handler and
  // CommitVM action: CommitVMError::Db => INTERNAL_SERVER_ERROR); the spec
  // lists no 409 for this operation. A deleted commit keeps its row (the
  // orchestrator's commits repository: mark_deleted sets deleted_at; only a
  // failed commit's rollback hard-deletes), so its id stays taken.
  if (state_.commits.count(cid) || state_.deleted_commit_ids.count(cid))
    return Internal("db error: a commit with id " + cid + " already exists");
  bool was_paused = vm.state == "paused";
  // A VM that has written nothing needs no pause for its (empty) layer.
  bool freeze = !was_paused && (!p.nothing_written || p.keep_paused);
  if (freeze) {
    if (Status st = rt_.Freeze(vm.id); !st.ok()) return Internal("pausing: " + st.message());
  }
  Status snap = p.nothing_written ? rt_.EmptyLayer(cid) : rt_.Snapshot(vm.id, cid);
  bool stay_paused = was_paused || p.keep_paused;
  // A VM that could not be thawed is frozen: record it as paused, not running.
  if (freeze && !stay_paused && !rt_.Thaw(vm.id).ok()) stay_paused = true;
  if (!snap.ok()) return Internal("commit: " + snap.message());
  if (stay_paused) vm.state = "paused";
  CommitRecord c;
  c.id = cid;
  c.name = p.name.value_or("commit-" + cid.substr(0, 8));
  c.description = p.description;
  c.created_at = NowRfc3339();
  c.parent_vm_id = vm.id;
  c.grandparent_commit_id = vm.parent_commit_id;
  c.layers.push_back(cid);
  c.layers.insert(c.layers.end(), vm.layers.begin(), vm.layers.end());
  c.vcpu_count = vm.vcpu_count;
  c.mem_size_mib = vm.mem_size_mib;
  c.fs_size_mib = vm.fs_size_mib;
  state_.commits[cid] = std::move(c);
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return cid;
}

Outcome<std::string> VmManager::Commit(const std::string& vm_id, const CommitParams& p) {
  base::MutexLock lock(mu_);
  auto it = state_.vms.find(vm_id);
  if (it == state_.vms.end()) return NotFound("VM " + vm_id);
  return CommitLocked(it->second, p);
}

std::vector<CommitRecord> VmManager::Commits() {
  base::MutexLock lock(mu_);
  std::vector<CommitRecord> out;
  for (const auto& [id, c] : state_.commits) out.push_back(c);
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  return out;
}

Outcome<CommitRecord> VmManager::GetCommit(const std::string& id) {
  base::MutexLock lock(mu_);
  auto c = state_.commits.find(id);
  if (c == state_.commits.end()) return NotFound("commit " + id);
  return c->second;
}

Outcome<CommitRecord> VmManager::UpdateCommit(const std::string& id, bool is_public,
                                              std::optional<std::string> name,
                                              std::optional<std::string> description) {
  base::MutexLock lock(mu_);
  auto c = state_.commits.find(id);
  if (c == state_.commits.end()) return NotFound("commit " + id);
  c->second.is_public = is_public;
  if (name) c->second.name = *name;
  if (description) c->second.description = *description;
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return c->second;
}

Outcome<Done> VmManager::DeleteCommit(const std::string& id) {
  base::MutexLock lock(mu_);
  auto c = state_.commits.find(id);
  if (c == state_.commits.end()) return NotFound("commit " + id);
  auto uses = [&](const std::vector<std::string>& layers) {
    return std::find(layers.begin(), layers.end(), id) != layers.end();
  };
  for (const auto& [vid, vm] : state_.vms)
    if (uses(vm.layers)) return Conflict("commit " + id + " is in use by VM " + vid);
  for (const auto& [oid, other] : state_.commits)
    if (oid != id && uses(other.layers))
      return Conflict("commit " + id + " is the base of commit " + oid);
  for (const auto& [name, t] : state_.tags)
    if (t.commit_id == id) return Conflict("commit " + id + " is tagged " + name);
  for (const auto& [repo_name, r] : state_.repos)
    for (const auto& [tag_name, t] : r.tags)
      if (t.commit_id == id)
        return Conflict("commit " + id + " is tagged " + repo_name + ":" + tag_name);
  if (Status st = rt_.DropLayer(id); !st.ok()) return Internal("deleting layer: " + st.message());
  state_.commits.erase(c);
  state_.deleted_commit_ids.insert(id);
  return SaveLocked();
}

Outcome<std::vector<CommitRecord>> VmManager::CommitChain(const std::string& id) {
  base::MutexLock lock(mu_);
  auto c = state_.commits.find(id);
  if (c == state_.commits.end()) return NotFound("commit " + id);
  std::vector<CommitRecord> out;
  for (const auto& l : c->second.layers) {
    if (auto p = state_.commits.find(l); p != state_.commits.end()) out.push_back(p->second);
  }
  return out;
}

}  // namespace vers::local
