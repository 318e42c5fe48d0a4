// VmManager: the operations on one VM: create, get, list, delete, state
// changes, its SSH key, disk size and labels.
#include <chrono>
#include <thread>

#include "base/uuid.h"
#include "local/ids.h"
#include "local/manager.h"

namespace vers::local {
namespace {
// Sizes vers-local refuses (403, a resource limit) rather than hand to cgroups.
constexpr int64_t kMaxVcpus = 64;
constexpr int64_t kMinMemMib = 64;  // below this, the sandbox's sshd is killed by the limit
constexpr int64_t kMaxMemMib = 256 * 1024;
// VM disks grow in place up to their image's size (vm_disk.h kDiskImageMinMib).
constexpr int64_t kMaxFsMib = 64 * 1024;
// 403, a resource limit, as for vCPUs and memory.
ApiError DiskTooLarge() {
  return Forbidden("a VM on vers-local has at most " + std::to_string(kMaxFsMib) +
                   " MiB of disk (fs_size_mib)");
}
}  // namespace

Outcome<Done> VmManager::WaitRunning(const std::vector<std::string>& ids) {
  int64_t deadline = NowMillis() + options_.boot_timeout_ms;
  for (const auto& id : ids) {
    for (;;) {
      {
        base::MutexLock lock(mu_);
        auto it = state_.vms.find(id);
        if (it == state_.vms.end()) return NotFound("VM " + id);
        RefreshLocked(it->second);
        if (it->second.state == "running" || it->second.state == "paused") break;
        if (it->second.state == "dead") return Internal("VM " + id + " died while booting");
      }
      if (NowMillis() > deadline) return Internal("VM " + id + " did not boot in time");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  return Done{};
}

Outcome<std::string> VmManager::NewRoot(const VmConfig& config, bool wait_boot) {
  std::string id;
  {
    base::MutexLock lock(mu_);
    VmRecord vm;
    vm.id = base::NewRandomUuid();
    vm.created_at = NowRfc3339();
    vm.state = "booting";
    vm.labels = config.labels;
    vm.vcpu_count = config.vcpu_count.value_or(1);
    vm.mem_size_mib = config.mem_size_mib.value_or(512);
    vm.fs_size_mib = config.fs_size_mib.value_or(1024);
    if (vm.vcpu_count < 1 || vm.mem_size_mib < 1 || vm.fs_size_mib < 1)
      return BadRequest("vcpu_count, mem_size_mib and fs_size_mib must be positive");
    if (vm.vcpu_count > kMaxVcpus || vm.mem_size_mib < kMinMemMib || vm.mem_size_mib > kMaxMemMib)
      return Forbidden("a VM on vers-local has at most " + std::to_string(kMaxVcpus) +
                       " vCPUs and " + std::to_string(kMinMemMib) + "-" +
                       std::to_string(kMaxMemMib) + " MiB of memory");
    if (vm.fs_size_mib > kMaxFsMib) return DiskTooLarge();
    auto layers = ImageLayersLocked(config.image_name);
    if (!layers.ok()) return layers.error();
    vm.layers = layers.value();
    if (auto room = RoomForLocked(1); !room.ok()) return room.error();
    if (options_.slow_boot_ms) ready_after_[vm.id] = NowMillis() + options_.slow_boot_ms();
    if (Status st = rt_.Start(
            SandboxSpec{vm.id, vm.layers, vm.vcpu_count, vm.mem_size_mib, vm.fs_size_mib});
        !st.ok()) {
      Status cleanup = rt_.Destroy(vm.id);
      return Internal("starting VM: " + st.message() +
                      (cleanup.ok() ? "" : "; cleaning up: " + cleanup.message()));
    }
    id = vm.id;
    state_.vms[id] = std::move(vm);
    if (auto s = SaveLocked(); !s.ok()) return s.error();
  }
  if (wait_boot) {
    if (auto w = WaitRunning({id}); !w.ok()) return w.error();
  }
  return id;
}

Outcome<VmRecord> VmManager::Get(const std::string& vm_id) {
  base::MutexLock lock(mu_);
  auto it = state_.vms.find(vm_id);
  if (it == state_.vms.end()) return NotFound("VM " + vm_id);
  RefreshLocked(it->second);
  return it->second;
}

std::vector<VmRecord> VmManager::List() {
  base::MutexLock lock(mu_);
  std::vector<VmRecord> out;
  for (auto& [id, vm] : state_.vms) {
    RefreshLocked(vm);
    out.push_back(vm);
  }
  return out;
}

Outcome<Done> VmManager::Delete(const std::string& vm_id) {
  base::MutexLock lock(mu_);
  auto it = state_.vms.find(vm_id);
  if (it == state_.vms.end()) return NotFound("VM " + vm_id);
  for (const auto& [id, other] : state_.vms) {
    if (id == vm_id || !other.parent_commit_id) continue;
    auto c = state_.commits.find(*other.parent_commit_id);
    if (c != state_.commits.end() && c->second.parent_vm_id == vm_id)
      return Conflict("VM " + vm_id + " has child VM " + id);
  }
  if (Status st = rt_.Destroy(vm_id); !st.ok()) return Internal("deleting VM: " + st.message());
  state_.vms.erase(it);
  ready_after_.erase(vm_id);
  // A domain binds a VM (CreateDomainRequest.vm_id): it goes with the VM.
  std::erase_if(state_.domains, [&](const auto& d) { return d.second.vm_id == vm_id; });
  return SaveLocked();
}

Outcome<Done> VmManager::SetState(const std::string& vm_id, const std::string& requested) {
  base::MutexLock lock(mu_);
  auto it = state_.vms.find(vm_id);
  if (it == state_.vms.end()) return NotFound("VM " + vm_id);
  VmRecord& vm = it->second;
  RefreshLocked(vm);
  if (requested != "Paused" && requested != "Running")
    return BadRequest("state must be \"Paused\" or \"Running\"");
  if (vm.state == "dead") return BadRequest("VM " + vm_id + " is dead");
  if (requested == "Paused" && vm.state != "paused") {
    if (Status st = rt_.Freeze(vm_id); !st.ok()) return Internal("pausing: " + st.message());
    vm.state = "paused";
  } else if (requested == "Running" && vm.state == "paused") {
    if (Status st = rt_.Thaw(vm_id); !st.ok()) return Internal("resuming: " + st.message());
    vm.state = "booting";
    RefreshLocked(vm);
  }
  return SaveLocked();
}

Outcome<std::string> VmManager::PrivateKey(const std::string& vm_id) {
  base::MutexLock lock(mu_);
  if (!state_.vms.count(vm_id)) return NotFound("VM " + vm_id);
  auto key = rt_.PrivateKey(vm_id);
  if (!key.ok()) return Internal("reading the VM key failed");
  return key.value();
}

Outcome<Done> VmManager::ResizeDisk(const std::string& vm_id, int64_t fs_size_mib) {
  base::MutexLock lock(mu_);
  auto it = state_.vms.find(vm_id);
  if (it == state_.vms.end()) return NotFound("VM " + vm_id);
  if (fs_size_mib <= it->second.fs_size_mib)
    return BadRequest("fs_size_mib must be greater than the current size (" +
                      std::to_string(it->second.fs_size_mib) + ")");
  if (fs_size_mib > kMaxFsMib) return DiskTooLarge();
  if (Status st = rt_.GrowDisk(vm_id, fs_size_mib); !st.ok())
    return Internal("growing the disk: " + st.message());
  it->second.fs_size_mib = fs_size_mib;
  return SaveLocked();
}

Outcome<Done> VmManager::SetLabels(const std::string& vm_id, const Labels& labels) {
  base::MutexLock lock(mu_);
  auto it = state_.vms.find(vm_id);
  if (it == state_.vms.end()) return NotFound("VM " + vm_id);
  it->second.labels = labels;
  return SaveLocked();
}

}  // namespace vers::local
