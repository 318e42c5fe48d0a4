// Per-VM OpenSSH material in VMDIR/ssh (bind-mounted at /run/vers inside the
// sandbox): host key, the client key's public half as authorized_keys, and an
// sshd_config. The client private key stays in VMDIR/id_ed25519, which the
// sandbox cannot see.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "local/fd.h"

namespace vers::local {

inline constexpr const char* kSshdPath = "/usr/sbin/sshd";
inline constexpr const char* kSshKeygenPath = "/usr/bin/ssh-keygen";
// Where VMDIR/ssh appears inside the sandbox.
inline constexpr const char* kInVmSshDir = "/run/vers";

// Generates the host key and client key pair once (ed25519, ssh-keygen).
Status EnsureSshKeys(const std::string& vm_dir);
// (Re)writes VMDIR/ssh/sshd_config for an sshd listening on port 22 of the
// VM's own address, and hands VMDIR/ssh to the VM's root (vm_ids.h), which
// runs that sshd.
Status WriteSshdConfig(const std::string& vm_dir);
// A loopback TCP port held by a bound (not listening) socket: no other bind
// on the host gets it while the socket is open, so it can carry a VM's DNAT
// (connections to it are rewritten before any socket would see them).
struct ReservedPort {
  std::shared_ptr<UniqueFd> socket;
  int port = 0;
};
Result<ReservedPort> ReserveLoopbackPort();
// True when something on 127.0.0.1:port answers with an SSH banner.
bool SshBannerReady(int port);

}  // namespace vers::local
