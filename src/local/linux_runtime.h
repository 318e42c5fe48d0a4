// LinuxRuntime: runs each VM as a `vers-local __sandbox` helper process (see
// sandbox_init.h) in its own cgroups and network namespace (vm_net.h), on the
// base image (base_image.h); a free loopback port is DNAT'd to its sshd.
//
// Layout under the data dir:  vms/<id>/{disk.img,disk/,merged/,ssh/,id_ed25519,*.log}
//                             disk-template.img     (an empty VM disk, copied)
//                             layers/<commit_id>/   (read-only copies of uppers)
// Thread-safe: an internal mutex guards the table of running sandboxes.
#pragma once

#include <sys/types.h>

#include <map>
#include <memory>

#include "base/mutex.h"
#include "local/fd.h"
#include "local/runtime.h"
#include "local/vm_net.h"

namespace vers::local {

class LinuxRuntime : public VmRuntime {
 public:
  // `self_exe` is the vers-local binary (run as `self_exe __sandbox ...`);
  // `image` the base image root; `net` outlives the runtime.
  LinuxRuntime(std::string data_dir, std::string self_exe, std::string image, VmNetwork& net);
  ~LinuxRuntime() override;

  // Checks overlayfs, namespaces, the freezer cgroup, sshd and ssh-keygen;
  // the error names what is missing and how to get it.
  static Status Preflight();

  Status Prepare(const std::string& vm_id) override;
  Status Start(const SandboxSpec& spec) override;
  bool Ready(const std::string& vm_id) override;
  bool Alive(const std::string& vm_id) override;
  Status Freeze(const std::string& vm_id) override;
  Status Thaw(const std::string& vm_id) override;
  Status Stop(const std::string& vm_id) override;
  Status Destroy(const std::string& vm_id) override;
  Status Snapshot(const std::string& vm_id, const std::string& commit_id) override;
  Status DropLayer(const std::string& commit_id) override;
  Status EmptyLayer(const std::string& commit_id) override;
  Status DestroyUnrecorded(const std::vector<std::string>& recorded) override;
  Status GrowDisk(const std::string& vm_id, int64_t fs_size_mib) override;
  Result<std::string> PrivateKey(const std::string& vm_id) override;
  std::optional<int> BackendPort(const std::string& vm_id) override;

  // Stops every running sandbox (used at shutdown).
  void StopAll();

 private:
  struct Running {
    pid_t helper = -1;
    int port = 0;                                // DNAT'd to the VM's sshd
    std::shared_ptr<UniqueFd> port_reservation;  // keeps `port` ours
  };
  std::string VmDir(const std::string& id) const { return data_dir_ + "/vms/" + id; }
  std::string LayerDir(const std::string& id) const { return data_dir_ + "/layers/" + id; }
  std::string DiskTemplate() const { return data_dir_ + "/disk-template.img"; }
  // Kills whatever is in the VM's cgroup (also leftovers of a crashed server).
  void KillCgroup(const std::string& vm_id);

  std::string data_dir_;
  std::string self_exe_;
  std::string image_;
  VmNetwork& net_;
  base::Mutex mu_;
  std::map<std::string, Running> running_ GUARDED_BY(mu_);
  base::Mutex template_mu_;  // guards the creation of DiskTemplate()
};

}  // namespace vers::local
