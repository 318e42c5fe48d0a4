// VmRuntime: what the VM manager needs from the machinery that runs VMs.
// LinuxRuntime (linux_runtime.h) runs namespaced sandboxes; tests use fakes.
//
// Contract: calls for one VM are serialized by the caller; calls for
// different VMs may come from different threads. Ids are UUIDs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace vers::local {

struct SandboxSpec {
  std::string vm_id;
  std::vector<std::string> layers;  // commit ids, newest first (the lower chain)
  int64_t vcpu_count = 1;           // enforced as a CPU quota where possible
  int64_t mem_size_mib = 512;       // enforced as a memory limit where possible
  int64_t fs_size_mib = 1024;       // the size of the VM's disk (its writable layer)
};

class VmRuntime {
 public:
  virtual ~VmRuntime() = default;
  // Creates the VM's private state (dirs, SSH keys). Idempotent.
  virtual Status Prepare(const std::string& vm_id) = 0;
  // Starts the sandbox; returns once it is launched (not necessarily ready).
  virtual Status Start(const SandboxSpec& spec) = 0;
  // True once the VM's sshd accepts connections.
  virtual bool Ready(const std::string& vm_id) = 0;
  // True while the sandbox runs (also when frozen).
  virtual bool Alive(const std::string& vm_id) = 0;
  virtual Status Freeze(const std::string& vm_id) = 0;
  virtual Status Thaw(const std::string& vm_id) = 0;
  // Kills every process of the VM and waits for them. OK when not running.
  virtual Status Stop(const std::string& vm_id) = 0;
  // Stop, then remove the VM's private state.
  virtual Status Destroy(const std::string& vm_id) = 0;
  // Destroys every VM whose private state exists but is not in `recorded`:
  // what a server killed in the middle of a create left.
  virtual Status DestroyUnrecorded(const std::vector<std::string>& recorded) = 0;
  // Copies the VM's writable layer into the read-only layer `commit_id`.
  // The caller freezes the VM around this.
  virtual Status Snapshot(const std::string& vm_id, const std::string& commit_id) = 0;
  virtual Status DropLayer(const std::string& commit_id) = 0;
  // Makes `commit_id` a layer with nothing in it: the commit of a VM that
  // has written nothing yet (a fork's new VM).
  virtual Status EmptyLayer(const std::string& commit_id) = 0;
  // Grows the VM's disk to `fs_size_mib` (larger than now), in place while
  // it runs.
  virtual Status GrowDisk(const std::string& vm_id, int64_t fs_size_mib) = 0;
  // The VM's SSH private key (OpenSSH format). Secret: never log it.
  virtual Result<std::string> PrivateKey(const std::string& vm_id) = 0;
  // The loopback port that leads to the VM's sshd while it runs.
  virtual std::optional<int> BackendPort(const std::string& vm_id) = 0;
};

}  // namespace vers::local
