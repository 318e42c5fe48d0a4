// FakeRuntime: an in-memory VmRuntime for unit tests. Every VM is "ready" as
// soon as it starts; snapshots are recorded, not copied.
#pragma once

#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string>

#include "local/runtime.h"

namespace vers::local::testing {

class FakeRuntime : public VmRuntime {
 public:
  Status Prepare(const std::string& id) override {
    prepared.insert(id);
    return Status::Ok();
  }
  Status Start(const SandboxSpec& spec) override {
    if (fail_start) return Status::Error("start failed");
    running[spec.vm_id] = spec.layers;
    started_disk_mib[spec.vm_id] = spec.fs_size_mib;
    return Status::Ok();
  }
  bool Ready(const std::string& id) override { return running.count(id) > 0; }
  bool Alive(const std::string& id) override { return running.count(id) > 0; }
  Status Freeze(const std::string& id) override {
    frozen.insert(id);
    return Status::Ok();
  }
  Status Thaw(const std::string& id) override {
    frozen.erase(id);
    return Status::Ok();
  }
  Status Stop(const std::string& id) override {
    running.erase(id);
    frozen.erase(id);
    return Status::Ok();
  }
  Status Destroy(const std::string& id) override {
    if (Status st = Stop(id); !st.ok()) return st;
    prepared.erase(id);
    return Status::Ok();
  }
  Status Snapshot(const std::string& vm_id, const std::string& commit_id) override {
    snapshots[commit_id] = vm_id;
    frozen_during_snapshot = frozen.count(vm_id) > 0;
    return Status::Ok();
  }
  Status DestroyUnrecorded(const std::vector<std::string>& recorded) override {
    for (auto it = prepared.begin(); it != prepared.end();) {
      bool keep = std::find(recorded.begin(), recorded.end(), *it) != recorded.end();
      it = keep ? std::next(it) : prepared.erase(it);
    }
    return Status::Ok();
  }
  Status EmptyLayer(const std::string& commit_id) override {
    snapshots[commit_id] = "";
    return Status::Ok();
  }
  Status ImportLayer(const std::string& layer_id, const std::string& archive_path) override {
    if (fail_import) return Status::Error("not a tar archive");
    snapshots[layer_id] = "archive:" + archive_path;
    return Status::Ok();
  }
  Status DropLayer(const std::string& commit_id) override {
    snapshots.erase(commit_id);
    return Status::Ok();
  }
  Status GrowDisk(const std::string& id, int64_t fs_size_mib) override {
    if (fail_grow) return Status::Error("grow failed");
    disk_mib[id] = fs_size_mib;
    return Status::Ok();
  }
  Result<std::string> PrivateKey(const std::string& id) override {
    return std::string("-----BEGIN OPENSSH PRIVATE KEY-----\nfake-" + id + "\n");
  }
  std::optional<int> BackendPort(const std::string& id) override {
    if (!running.count(id)) return std::nullopt;
    return 2222;
  }

  bool fail_start = false;
  bool fail_import = false;
  bool fail_grow = false;
  bool frozen_during_snapshot = false;
  std::set<std::string> prepared, frozen;
  std::map<std::string, std::vector<std::string>> running;  // id -> layers
  std::map<std::string, std::string> snapshots;             // commit -> vm
  std::map<std::string, int64_t> disk_mib;                  // vm -> grown disk size
  std::map<std::string, int64_t> started_disk_mib;          // vm -> fs_size_mib at Start
};

}  // namespace vers::local::testing
