// VmManager: VMs made from commits: restores (by commit or legacy tag) and
// branches (of a VM or a commit).
#include "base/uuid.h"
#include "local/ids.h"
#include "local/manager.h"

namespace vers::local {
namespace {
// VMs one branch request may make on vers-local (the real API takes a u8).
constexpr int kMaxBranchCount = 64;
}  // namespace

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

}  // namespace vers::local
