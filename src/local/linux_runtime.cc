// LinuxRuntime: preparing, starting, watching, freezing, stopping and
// destroying VMs. Layers and disks live in linux_runtime_layers.cc.
#include "local/linux_runtime.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <thread>

#include "local/fd.h"
#include "local/freezer.h"
#include "local/fs.h"
#include "local/image_layer.h"
#include "local/limits.h"
#include "local/proc.h"
#include "local/sshd_setup.h"
#include "local/vm_disk.h"

namespace vers::local {

LinuxRuntime::LinuxRuntime(std::string data_dir, std::string self_exe, std::string image,
                           VmNetwork& net)
    : data_dir_(std::move(data_dir)),
      self_exe_(std::move(self_exe)),
      image_(std::move(image)),
      net_(net) {}

LinuxRuntime::~LinuxRuntime() { StopAll(); }

Status LinuxRuntime::Prepare(const std::string& vm_id) {
  std::string d = VmDir(vm_id);
  for (const char* sub : {"disk", "merged"}) {
    if (Status st = MakeDirs(d + "/" + sub, 0755); !st.ok()) return st;
  }
  ::chmod(d.c_str(), 0700);
  return EnsureSshKeys(d);
}

Status LinuxRuntime::Start(const SandboxSpec& spec) {
  if (Alive(spec.vm_id)) return Status::Ok();
  KillCgroup(spec.vm_id);
  if (Status st = Prepare(spec.vm_id); !st.ok()) return st;
  std::string lowers;
  for (const auto& l : spec.layers) {
    if (!PathExists(LayerDir(l))) return Status::Error("layer " + l + " is missing");
    lowers += (lowers.empty() ? "" : ":") + LayerDir(l);
  }
  std::string d = VmDir(spec.vm_id);
  {
    // Every disk starts as a copy of one made at first use.
    base::MutexLock lock(template_mu_);
    if (!PathExists(DiskTemplate())) {
      if (Status st = MakeDiskTemplate(DiskTemplate()); !st.ok()) return st;
    }
  }
  if (Status st = CreateVmDisk(d, spec.fs_size_mib, DiskTemplate()); !st.ok()) return st;
  if (Status st = WriteSshdConfig(d); !st.ok()) return st;
  auto port = ReserveLoopbackPort();
  if (!port.ok()) return port.status();
  auto addr = net_.Attach(spec.vm_id, d, port.value().port);
  if (!addr.ok()) return addr.status();
  std::string cg = FreezerDir(spec.vm_id);
  if (Status st = MakeDirs(cg, 0755); !st.ok()) return st;
  auto limits = SetUpLimitCgroups(spec.vm_id, Limits{spec.vcpu_count, spec.mem_size_mib});
  if (!limits.ok()) return limits.status();
  std::vector<std::string> argv = {self_exe_,    "__sandbox",
                                   "--vm-id",    spec.vm_id,
                                   "--vm-dir",   d,
                                   "--data-dir", data_dir_,
                                   "--image",    image_,
                                   "--lowers",   lowers,
                                   "--netns",    addr.value().netns_path,
                                   "--disk-mib", std::to_string(spec.fs_size_mib),
                                   "--cgroup",   cg};
  for (const auto& l : limits.value()) argv.insert(argv.end(), {"--cgroup", l});
  auto pid = SpawnProcess(argv, d + "/sandbox.log");
  if (!pid.ok()) return pid.status();
  base::MutexLock lock(mu_);
  running_[spec.vm_id] = Running{pid.value(), port.value().port, port.value().socket};
  return Status::Ok();
}

bool LinuxRuntime::Ready(const std::string& vm_id) {
  auto port = BackendPort(vm_id);
  return port && Alive(vm_id) && SshBannerReady(*port);
}

bool LinuxRuntime::Alive(const std::string& vm_id) {
  base::MutexLock lock(mu_);
  auto it = running_.find(vm_id);
  if (it == running_.end()) return false;
  int status;
  if (::waitpid(it->second.helper, &status, WNOHANG) == it->second.helper) {
    running_.erase(it);
    return false;
  }
  return true;
}

Status LinuxRuntime::Freeze(const std::string& vm_id) {
  return SetFreezerState(FreezerDir(vm_id), "FROZEN");
}
Status LinuxRuntime::Thaw(const std::string& vm_id) {
  return SetFreezerState(FreezerDir(vm_id), "THAWED");
}

void LinuxRuntime::KillCgroup(const std::string& vm_id) {
  KillEverythingIn(FreezerDir(vm_id));
  RemoveLimitCgroups(vm_id);
  net_.Detach(VmDir(vm_id));
}

Status LinuxRuntime::Stop(const std::string& vm_id) {
  Running r;
  {
    base::MutexLock lock(mu_);
    auto it = running_.find(vm_id);
    if (it != running_.end()) {
      r = it->second;
      running_.erase(it);
    }
  }
  KillCgroup(vm_id);
  if (r.helper > 0) ::waitpid(r.helper, nullptr, 0);
  return Status::Ok();
}

Status LinuxRuntime::Destroy(const std::string& vm_id) {
  if (Status st = Stop(vm_id); !st.ok()) return st;
  return RemoveTree(VmDir(vm_id));
}

Status LinuxRuntime::DestroyUnrecorded(const std::vector<std::string>& recorded) {
  if (!PathExists(data_dir_ + "/vms")) return Status::Ok();
  auto dirs = ListDir(data_dir_ + "/vms");
  if (!dirs.ok()) return dirs.status();
  for (const auto& id : dirs.value()) {
    if (std::find(recorded.begin(), recorded.end(), id) != recorded.end()) continue;
    if (Status st = Destroy(id); !st.ok()) return st;
  }
  return Status::Ok();
}

Result<std::string> LinuxRuntime::PrivateKey(const std::string& vm_id) {
  return ReadFile(VmDir(vm_id) + "/id_ed25519");
}

std::optional<int> LinuxRuntime::BackendPort(const std::string& vm_id) {
  base::MutexLock lock(mu_);
  auto it = running_.find(vm_id);
  if (it == running_.end()) return std::nullopt;
  return it->second.port;
}

void LinuxRuntime::StopAll() {
  std::vector<std::string> ids;
  {
    base::MutexLock lock(mu_);
    for (const auto& [id, r] : running_) ids.push_back(id);
  }
  for (const auto& id : ids) {
    if (Status st = Stop(id); !st.ok())
      std::fprintf(stderr, "vers-local: stopping VM %s: %s\n", id.c_str(), st.message().c_str());
  }
}

}  // namespace vers::local
