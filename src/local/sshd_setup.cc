#include "local/sshd_setup.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "local/fd.h"
#include "local/fs.h"
#include "local/proc.h"
#include "local/vm_ids.h"

namespace vers::local {

Status EnsureSshKeys(const std::string& vm_dir) {
  std::string ssh = vm_dir + "/ssh";
  if (Status st = MakeDirs(ssh, 0700); !st.ok()) return st;
  std::string log = vm_dir + "/keygen.log";
  if (!PathExists(ssh + "/host_ed25519")) {
    Status st = RunCommand({kSshKeygenPath, "-q", "-t", "ed25519", "-N", "", "-C",
                            "vers-local-host", "-f", ssh + "/host_ed25519"},
                           log);
    if (!st.ok()) return Status::Error("generating the VM host key: " + st.message());
  }
  std::string key = vm_dir + "/id_ed25519";
  if (!PathExists(key)) {
    Status st = RunCommand(
        {kSshKeygenPath, "-q", "-t", "ed25519", "-N", "", "-C", "vers-local-vm", "-f", key}, log);
    if (!st.ok()) return Status::Error("generating the VM key: " + st.message());
  }
  auto pub = ReadFile(key + ".pub");
  if (!pub.ok()) return pub.status();
  return WriteFileAtomic(ssh + "/authorized_keys", pub.value(), 0600);
}

Status WriteSshdConfig(const std::string& vm_dir) {
  std::string d = kInVmSshDir;
  std::string cfg =
      "Port 22\n"
      "ListenAddress 0.0.0.0\n"
      "HostKey " +
      d +
      "/host_ed25519\n"
      "AuthorizedKeysFile " +
      d +
      "/authorized_keys\n"
      "PidFile " +
      d +
      "/sshd.pid\n"
      "PermitRootLogin prohibit-password\n"
      "PasswordAuthentication no\n"
      "KbdInteractiveAuthentication no\n"
      "UsePAM no\n"
      "StrictModes no\n"
      "PrintMotd no\n"
      "UseDNS no\n"
      "AcceptEnv LANG LC_*\n"
      "Subsystem sftp internal-sftp\n";
  if (Status st = WriteFileAtomic(vm_dir + "/ssh/sshd_config", cfg, 0600); !st.ok()) return st;
  for (const char* f :
       {"", "/sshd_config", "/authorized_keys", "/host_ed25519", "/host_ed25519.pub"}) {
    std::string p = vm_dir + "/ssh" + f;
    if (::chown(p.c_str(), kVmIdBase, kVmIdBase) != 0)
      return Status::Error("chown " + p + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

Result<ReservedPort> ReserveLoopbackPort() {
  auto s = std::make_shared<UniqueFd>(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s->valid()) return Status::Error(std::string("socket: ") + std::strerror(errno));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(s->get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0)
    return Status::Error(std::string("bind: ") + std::strerror(errno));
  socklen_t len = sizeof a;
  if (::getsockname(s->get(), reinterpret_cast<sockaddr*>(&a), &len) != 0)
    return Status::Error(std::string("getsockname: ") + std::strerror(errno));
  return ReservedPort{std::move(s), static_cast<int>(ntohs(a.sin_port))};
}

bool SshBannerReady(int port) {
  UniqueFd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!s.valid()) return false;
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(s.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return false;
  pollfd p{s.get(), POLLIN, 0};
  if (::poll(&p, 1, 2000) != 1) return false;
  char buf[8] = {};
  return ::recv(s.get(), buf, 4, 0) == 4 && std::memcmp(buf, "SSH-", 4) == 0;
}

}  // namespace vers::local
