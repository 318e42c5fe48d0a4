// VmNetwork: a network namespace per VM, joined to the host by a veth pair
// with its own /30 out of 10.213.0.0/16, NAT (masquerade) to the outside
// through the host, and an nftables table that keeps VMs off the host and off
// each other:
//   - input from a VM's veth: only replies to connections the host opened;
//   - forward between two VMs' veths: dropped;
//   - 127.0.0.1:<ssh port> on the host is DNAT'd to the VM's sshd (port 22),
//     the "SSH port that will be DNAT'd to the VM's netns" of the Vers spec
//     (VmSshKeyResponse.ssh_port) and what the TLS front dials.
// Each vers-local process owns one table, vers_local_<pid> (tables of dead
// processes are dropped when another starts); slots
// (netns vrsl<N>, veth vrsl<N>h) are claimed across processes by creating
// the named netns, which fails when another process holds it.
#pragma once

#include <string>

#include "base/status.h"

namespace vers::local {

struct VmAddress {
  int slot = -1;
  std::string netns_path;  // /run/netns/vrsl<slot>
  std::string vm_ip;       // the VM's address (eth0 in its netns)
};

class VmNetwork {
 public:
  explicit VmNetwork(const std::string& data_dir);
  ~VmNetwork();  // removes the table
  VmNetwork(const VmNetwork&) = delete;
  VmNetwork& operator=(const VmNetwork&) = delete;

  // Installs (or replaces) this process's table and turns on IPv4 forwarding.
  Status Init();
  // Creates the VM's netns and veth pair, routes, DNAT of `ssh_port`, and
  // writes <vm_dir>/resolv.conf; records the slot in <vm_dir>/net_slot.
  Result<VmAddress> Attach(const std::string& vm_id, const std::string& vm_dir, int ssh_port);
  // Undoes Attach (also one left by a crashed process). Best effort.
  void Detach(const std::string& vm_dir);

 private:
  void DropTablesOfDeadServers();

  std::string data_dir_;
  std::string table_;
};

}  // namespace vers::local
