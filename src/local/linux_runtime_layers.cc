// LinuxRuntime: commit layers (a running VM's writes copied out, an empty
// layer, an imported root filesystem archive, a dropped layer) and growing a
// VM's disk.
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>

#include "local/fs.h"
#include "local/image_layer.h"
#include "local/linux_runtime.h"
#include "local/vm_disk.h"

namespace vers::local {

Status LinuxRuntime::Snapshot(const std::string& vm_id, const std::string& commit_id) {
  std::string tmp = LayerDir(commit_id) + ".partial";
  if (Status st = RemoveTree(tmp); !st.ok()) return st;  // left by an interrupted commit
  if (Status st = MakeDirs(data_dir_ + "/layers", 0700); !st.ok()) return st;
  pid_t helper = -1;
  {
    base::MutexLock lock(mu_);
    auto it = running_.find(vm_id);
    if (it != running_.end()) helper = it->second.helper;
  }
  if (helper <= 0) return Status::Error("VM " + vm_id + " is not running");
  // The disk is mounted in the helper's mount namespace only.
  std::string upper = "/proc/" + std::to_string(helper) + "/root" + VmDir(vm_id) + "/disk/upper";
  // A VM committed just after it started (a fork, a restore committed at
  // once) may not have its disk mounted yet: wait for it, as the real commit
  // waits for the VM's boot unless told not to (CommitVM's skip_wait_boot).
  for (int waited_ms = 0; !PathExists(upper) && waited_ms < 30000; waited_ms += 20) {
    if (::kill(helper, 0) != 0) return Status::Error("VM " + vm_id + " stopped");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (Status st = CopyTree(upper, tmp); !st.ok()) return st;
  if (::rename(tmp.c_str(), LayerDir(commit_id).c_str()) != 0)
    return Status::Error("rename layer " + commit_id + ": " + std::strerror(errno));
  return Status::Ok();
}

Status LinuxRuntime::EmptyLayer(const std::string& commit_id) {
  if (Status st = MakeDirs(data_dir_ + "/layers", 0700); !st.ok()) return st;
  return MakeDirs(LayerDir(commit_id), 0755);
}

Status LinuxRuntime::ImportLayer(const std::string& layer_id, const std::string& archive_path) {
  if (Status st = MakeDirs(data_dir_ + "/layers", 0700); !st.ok()) return st;
  std::string tmp = LayerDir(layer_id) + ".partial";
  if (Status st = ExtractRootfsArchive(archive_path, tmp); !st.ok()) {
    (void)RemoveTree(tmp);  // the extraction error is the one to report
    return st;
  }
  if (::rename(tmp.c_str(), LayerDir(layer_id).c_str()) != 0)
    return Status::Error("rename layer " + layer_id + ": " + std::strerror(errno));
  return Status::Ok();
}

Status LinuxRuntime::DropLayer(const std::string& commit_id) {
  return RemoveTree(LayerDir(commit_id));
}

Status LinuxRuntime::GrowDisk(const std::string& vm_id, int64_t fs_size_mib) {
  pid_t helper = -1;
  {
    base::MutexLock lock(mu_);
    auto it = running_.find(vm_id);
    if (it != running_.end()) helper = it->second.helper;
  }
  return GrowVmDisk(VmDir(vm_id), fs_size_mib, helper);
}

}  // namespace vers::local
