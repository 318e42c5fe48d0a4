// VmManager: construction, persistence, start-up restore, shutdown and
// status refresh, and its counters. VM operations live in manager_vms.cc;
// commits in manager_commits.cc, restores and branches in manager_branch.cc,
// legacy tags in manager_tags.cc.
#include "local/manager.h"

#include <chrono>
#include <cstdio>
#include <thread>

#include "base/uuid.h"
#include "local/ids.h"

namespace vers::local {

VmManager::VmManager(Store store, State state, VmRuntime& runtime, Options options)
    : store_(std::move(store)),
      state_(std::move(state)),
      rt_(runtime),
      options_(std::move(options)) {}

Outcome<Done> VmManager::SaveLocked() {
  if (Status st = store_.Save(state_); !st.ok()) return Internal("saving state: " + st.message());
  return Done{};
}

void VmManager::SaveOrWarnLocked() {
  // Paths with no caller to answer (start-up, a refresh inside a GET) keep the
  // change in memory, where the next successful save picks it up.
  if (auto s = SaveLocked(); !s.ok())
    std::fprintf(stderr, "vers-local: %s (kept in memory)\n", s.error().message.c_str());
}

Outcome<Done> VmManager::RoomForLocked(int64_t more) const {
  int64_t have = static_cast<int64_t>(state_.vms.size());
  if (options_.max_vms > 0 && have + more > options_.max_vms)
    return Forbidden("VM limit reached: vers-local runs at most " +
                     std::to_string(options_.max_vms) + " VMs (--max-vms) and has " +
                     std::to_string(have) + ", " + std::to_string(more) + " more requested");
  return Done{};
}

void VmManager::RestoreAll() {
  std::vector<std::string> paused;
  {
    base::MutexLock lock(mu_);
    std::vector<std::string> recorded;
    for (const auto& [id, vm] : state_.vms) recorded.push_back(id);
    FailInterruptedImagesLocked();
    if (Status st = rt_.DestroyUnrecorded(recorded); !st.ok())
      std::fprintf(stderr, "vers-local: removing unrecorded VMs: %s\n", st.message().c_str());
    for (auto& [id, vm] : state_.vms) {
      if (vm.state == "dead") continue;
      Status st =
          rt_.Start(SandboxSpec{id, vm.layers, vm.vcpu_count, vm.mem_size_mib, vm.fs_size_mib});
      if (!st.ok()) {
        vm.state = "dead";
        continue;
      }
      if (vm.state == "paused") paused.push_back(id);
      vm.state = "booting";
    }
    SaveOrWarnLocked();
  }
  // Paused VMs come back frozen once their sshd is up; one that does not boot
  // is recorded dead by the wait and skipped below.
  if (auto booted = WaitRunning(paused); !booted.ok())
    std::fprintf(stderr, "vers-local: %s\n", booted.error().message.c_str());
  base::MutexLock lock(mu_);
  for (const auto& id : paused) {
    auto it = state_.vms.find(id);
    if (it == state_.vms.end() || !rt_.Freeze(id).ok()) continue;
    it->second.state = "paused";
  }
  SaveOrWarnLocked();
}

void VmManager::Shutdown() {
  base::MutexLock lock(mu_);
  for (auto& [id, vm] : state_.vms) {
    if (Status st = rt_.Stop(id); !st.ok())
      std::fprintf(stderr, "vers-local: stopping VM %s: %s\n", id.c_str(), st.message().c_str());
  }
}

void VmManager::RefreshLocked(VmRecord& vm) {
  if (vm.state == "dead") return;
  if (!rt_.Alive(vm.id)) {
    vm.state = "dead";
    SaveOrWarnLocked();
    return;
  }
  if (vm.state != "booting") return;
  auto it = ready_after_.find(vm.id);
  if (it != ready_after_.end() && NowMillis() < it->second) return;
  if (rt_.Ready(vm.id)) {
    vm.state = "running";
    ready_after_.erase(vm.id);
    SaveOrWarnLocked();
  }
}

std::optional<int> VmManager::BackendPort(const std::string& vm_id) {
  {
    base::MutexLock lock(mu_);
    auto it = state_.vms.find(vm_id);
    if (it == state_.vms.end() || it->second.state == "dead") return std::nullopt;
  }
  return rt_.BackendPort(vm_id);
}

std::map<std::string, int64_t> VmManager::Counters() {
  base::MutexLock lock(mu_);
  return {{"vms", static_cast<int64_t>(state_.vms.size())},
          {"commits", static_cast<int64_t>(state_.commits.size())},
          {"tags", static_cast<int64_t>(state_.tags.size())}};
}

void VmManager::CountApiRequest(const std::string& operation_id) {
  base::MutexLock lock(requests_mu_);
  ++api_requests_[operation_id];
  ++api_requests_["total"];
}

std::map<std::string, int64_t> VmManager::ApiRequests() {
  base::MutexLock lock(requests_mu_);
  return api_requests_;
}

}  // namespace vers::local
