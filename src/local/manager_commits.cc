// VmManager: commits, restores, branches and tags.
#include <algorithm>
#include <regex>

#include "base/uuid.h"
#include "local/ids.h"
#include "local/manager.h"

namespace vers::local {
namespace {
// VMs one branch request may make on vers-local (the real API takes a u8).
constexpr int kMaxBranchCount = 64;
}  // namespace

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

Outcome<std::string> VmManager::CreateFromCommitLocked(const CommitRecord& c) {
  VmRecord vm;
  vm.id = base::NewRandomUuid();
  vm.created_at = NowRfc3339();
  vm.state = "booting";
  vm.vcpu_count = c.vcpu_count;
  vm.mem_size_mib = c.mem_size_mib;
  vm.fs_size_mib = c.fs_size_mib;
  vm.parent_commit_id = c.id;
  vm.grandparent_vm_id = c.parent_vm_id;
  vm.layers = c.layers;
  if (options_.slow_boot_ms) ready_after_[vm.id] = NowMillis() + options_.slow_boot_ms();
  if (Status st =
          rt_.Start(SandboxSpec{vm.id, vm.layers, vm.vcpu_count, vm.mem_size_mib, vm.fs_size_mib});
      !st.ok()) {
    Status cleanup = rt_.Destroy(vm.id);
    return Internal("starting VM: " + st.message() +
                    (cleanup.ok() ? "" : "; cleaning up: " + cleanup.message()));
  }
  std::string id = vm.id;
  state_.vms[id] = std::move(vm);
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return id;
}

Outcome<std::string> VmManager::FromCommit(const std::string& ref, bool by_tag, bool wait_boot) {
  std::string id;
  {
    base::MutexLock lock(mu_);
    std::string cid = ref;
    if (by_tag) {
      auto t = state_.tags.find(ref);
      if (t == state_.tags.end()) return NotFound("tag " + ref);
      cid = t->second.commit_id;
    }
    auto c = state_.commits.find(cid);
    if (c == state_.commits.end()) return NotFound("commit " + cid);
    if (auto room = RoomForLocked(1); !room.ok()) return room.error();
    auto made = CreateFromCommitLocked(c->second);
    if (!made.ok()) return made;
    id = made.value();
  }
  if (wait_boot) {
    if (auto w = WaitRunning({id}); !w.ok()) return w.error();
  }
  return id;
}

Outcome<std::vector<std::string>> VmManager::Branch(const std::string& vm_or_commit, int count,
                                                    bool keep_paused, bool wait_boot) {
  if (count < 0) return BadRequest("count must not be negative");
  if (count > kMaxBranchCount)
    return Forbidden("count " + std::to_string(count) +
                     " is more than vers-local branches at once (" +
                     std::to_string(kMaxBranchCount) + ")");
  std::vector<std::string> ids;
  {
    base::MutexLock lock(mu_);
    std::string cid = vm_or_commit;
    auto vm = state_.vms.find(vm_or_commit);
    if (vm == state_.vms.end() && !state_.commits.count(cid))
      return NotFound("VM or commit " + vm_or_commit);
    if (count == 0) return ids;  // the spec's minimum: nothing to make
    if (auto room = RoomForLocked(count); !room.ok()) return room.error();
    if (vm != state_.vms.end()) {
      CommitParams p;
      p.keep_paused = keep_paused;
      auto made = CommitLocked(vm->second, p);
      if (!made.ok()) return made.error();
      cid = made.value();
    }
    auto c = state_.commits.find(cid);
    if (c == state_.commits.end()) return NotFound("VM or commit " + vm_or_commit);
    for (int i = 0; i < count; ++i) {
      auto made = CreateFromCommitLocked(c->second);
      if (!made.ok()) return made.error();
      ids.push_back(made.value());
    }
  }
  if (wait_boot) {
    if (auto w = WaitRunning(ids); !w.ok()) return w.error();
  }
  return ids;
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

std::vector<TagRecord> VmManager::Tags() {
  base::MutexLock lock(mu_);
  std::vector<TagRecord> out;
  for (const auto& [name, t] : state_.tags) out.push_back(t);
  return out;
}

Outcome<TagRecord> VmManager::GetTag(const std::string& name) {
  base::MutexLock lock(mu_);
  auto t = state_.tags.find(name);
  if (t == state_.tags.end()) return NotFound("tag " + name);
  return t->second;
}

Outcome<TagRecord> VmManager::CreateTag(const std::string& name, const std::string& commit_id,
                                        std::optional<std::string> description) {
  static const std::regex kName("[A-Za-z0-9._-]{1,64}");
  if (!std::regex_match(name, kName))
    return BadRequest("tag_name must be 1-64 letters, digits, '-', '_' or '.'");
  base::MutexLock lock(mu_);
  if (state_.tags.count(name)) return Conflict("tag " + name + " already exists");
  if (!state_.commits.count(commit_id)) return NotFound("commit " + commit_id);
  TagRecord t{base::NewRandomUuid(), name, commit_id, std::move(description), NowRfc3339(), ""};
  t.updated_at = t.created_at;
  state_.tags[name] = t;
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return t;
}

Outcome<Done> VmManager::UpdateTag(const std::string& name, const TagPatch& patch) {
  base::MutexLock lock(mu_);
  auto t = state_.tags.find(name);
  if (t == state_.tags.end()) return NotFound("tag " + name);
  if (patch.commit_id) {
    if (!state_.commits.count(*patch.commit_id)) return NotFound("commit " + *patch.commit_id);
    t->second.commit_id = *patch.commit_id;
  }
  if (patch.set_description) t->second.description = patch.description;
  t->second.updated_at = NowRfc3339();
  return SaveLocked();
}

Outcome<Done> VmManager::DeleteTag(const std::string& name) {
  base::MutexLock lock(mu_);
  if (!state_.tags.erase(name)) return NotFound("tag " + name);
  return SaveLocked();
}

}  // namespace vers::local
