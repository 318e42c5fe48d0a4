#include "local/vm_net.h"

#include <openssl/sha.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdio>
#include <sstream>

#include "local/fs.h"
#include "local/proc.h"

namespace vers::local {
namespace {

constexpr const char* kIp = "/usr/sbin/ip";
constexpr const char* kNft = "/usr/sbin/nft";
constexpr int kSlots = 16384;  // /30s in 10.213.0.0/16

std::string Addr(int slot, int host) {
  int v = slot * 4 + host;
  return "10.213." + std::to_string(v / 256) + "." + std::to_string(v % 256);
}

int FirstSlot(const std::string& vm_id) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(vm_id.data()), vm_id.size(), md);
  return static_cast<int>(((md[0] << 8) | md[1]) % kSlots);
}

std::string Name(int slot) { return "vrsl" + std::to_string(slot); }

// Nameservers the VM can reach through NAT: the host's, except loopback ones
// (a local resolver such as systemd-resolved's 127.0.0.53 is the host's own).
std::string ResolvConf() {
  std::string out;
  for (const char* file : {"/etc/resolv.conf", "/run/systemd/resolve/resolv.conf"}) {
    auto text = ReadFile(file);
    if (!text.ok()) continue;
    std::istringstream in(text.value());
    std::string line;
    while (std::getline(in, line)) {
      if (line.rfind("nameserver ", 0) == 0 && line.find(" 127.") == std::string::npos &&
          line.find("::1") == std::string::npos)
        out += line + "\n";
    }
    if (!out.empty()) break;
  }
  return out;
}

}  // namespace

VmNetwork::VmNetwork(const std::string& data_dir)
    : data_dir_(data_dir), table_("vers_local_" + std::to_string(::getpid())) {}

void VmNetwork::DropTablesOfDeadServers() {
  std::string listing = data_dir_ + "/nft.tables";
  if (!RunCommand({kNft, "list", "tables"}, listing).ok()) return;
  auto text = ReadFile(listing);
  ::unlink(listing.c_str());
  if (!text.ok()) return;
  std::istringstream in(text.value());
  std::string line;
  const std::string prefix = "table ip vers_local_";
  while (std::getline(in, line)) {
    if (line.rfind(prefix, 0) != 0) continue;
    pid_t pid = 0;
    auto [end, ec] = std::from_chars(line.data() + prefix.size(), line.data() + line.size(), pid);
    if (ec != std::errc() || end != line.data() + line.size() || pid <= 0) continue;
    // A server killed with SIGKILL left it: its DNAT entries could send a
    // reused port to a reused VM address.
    if (::kill(pid, 0) != 0 && errno == ESRCH)
      static_cast<void>(RunCommand({kNft, "delete", "table", "ip", line.substr(9)}));
  }
}

VmNetwork::~VmNetwork() {
  if (!RunCommand({kNft, "delete", "table", "ip", table_}).ok())
    std::fprintf(stderr, "vers-local: could not remove nftables table %s\n", table_.c_str());
}

Status VmNetwork::Init() {
  if (::access(kNft, X_OK) != 0 || ::access(kIp, X_OK) != 0)
    return Status::Error("VM networking needs nft and ip: apt-get install -y nftables iproute2");
  if (Status st = WriteFileInPlace("/proc/sys/net/ipv4/ip_forward", "1"); !st.ok()) return st;
  DropTablesOfDeadServers();
  // Declaring the table first makes the delete succeed when it is new: the
  // replacement is one atomic transaction either way.
  std::string t = table_;
  std::string rules = "table ip " + t + " {}\ndelete table ip " + t + "\ntable ip " + t +
                      " {\n"
                      "  map sshd { type inet_service : ipv4_addr . inet_service; }\n"
                      "  chain vm_sshd_dnat { type nat hook output priority -100;\n"
                      "    ip daddr 127.0.0.1 dnat ip to tcp dport map @sshd; }\n"
                      "  chain vm_masquerade { type nat hook postrouting priority 100;\n"
                      "    oifname \"vrsl*\" ip saddr 127.0.0.0/8 masquerade\n"
                      "    ip saddr 10.213.0.0/16 oifname != \"vrsl*\" masquerade; }\n"
                      "  chain from_vms { type filter hook input priority 0;\n"
                      "    iifname \"vrsl*\" ct state established,related accept\n"
                      "    iifname \"vrsl*\" drop; }\n"
                      "  chain between_vms { type filter hook forward priority 0;\n"
                      "    iifname \"vrsl*\" oifname \"vrsl*\" drop; }\n"
                      "}\n";
  std::string file = data_dir_ + "/nft.rules";
  if (Status st = WriteFileAtomic(file, rules, 0600); !st.ok()) return st;
  if (Status st = RunCommand({kNft, "-f", file}, file + ".log"); !st.ok())
    return Status::Error("installing the VM firewall/NAT table: " + st.message() + " (see " + file +
                         ".log)");
  return Status::Ok();
}

Result<VmAddress> VmNetwork::Attach(const std::string& vm_id, const std::string& vm_dir,
                                    int ssh_port) {
  Detach(vm_dir);
  VmAddress a;
  int first = FirstSlot(vm_id);
  for (int i = 0; i < kSlots && a.slot < 0; ++i) {
    int slot = (first + i) % kSlots;
    if (RunCommand({kIp, "netns", "add", Name(slot)}).ok()) a.slot = slot;
  }
  if (a.slot < 0) return Status::Error("no free VM network slot in 10.213.0.0/16");
  if (Status st = WriteFileAtomic(vm_dir + "/net_slot", std::to_string(a.slot), 0600); !st.ok()) {
    static_cast<void>(RunCommand({kIp, "netns", "del", Name(a.slot)}));
    return st;
  }
  std::string n = Name(a.slot), host = n + "h";
  a.netns_path = "/run/netns/" + n;
  a.vm_ip = Addr(a.slot, 2);
  std::string host_batch = "link add " + host + " type veth peer name eth0 netns " + n +
                           "\naddr add " + Addr(a.slot, 1) + "/30 dev " + host + "\nlink set " +
                           host + " up\n";
  std::string vm_batch = "link set lo up\naddr add " + a.vm_ip +
                         "/30 dev eth0\nlink set eth0 up\nroute add default via " +
                         Addr(a.slot, 1) + "\n";
  std::string log = vm_dir + "/net.log";
  if (Status st = WriteFileAtomic(vm_dir + "/net-host.batch", host_batch, 0600); !st.ok())
    return st;
  if (Status st = WriteFileAtomic(vm_dir + "/net-vm.batch", vm_batch, 0600); !st.ok()) return st;
  Status st = RunCommand({kIp, "-b", vm_dir + "/net-host.batch"}, log);
  if (!st.ok()) {
    // The veth of a namespace freed a moment ago may still be going away.
    static_cast<void>(RunCommand({kIp, "link", "del", host}));
    st = RunCommand({kIp, "-b", vm_dir + "/net-host.batch"}, log);
  }
  if (st.ok()) st = RunCommand({kIp, "-n", n, "-b", vm_dir + "/net-vm.batch"}, log);
  // The DNAT'd connections from 127.0.0.1 leave through this veth.
  if (st.ok()) st = WriteFileInPlace("/proc/sys/net/ipv4/conf/" + host + "/route_localnet", "1");
  if (st.ok())
    st = RunCommand({kNft, "add", "element", "ip", table_, "sshd",
                     "{ " + std::to_string(ssh_port) + " : " + a.vm_ip + " . 22 }"},
                    log);
  if (st.ok()) st = WriteFileAtomic(vm_dir + "/resolv.conf", ResolvConf(), 0644);
  if (!st.ok()) {
    Detach(vm_dir);
    return Status::Error("setting up the VM's network: " + st.message() + " (see " + log + ")");
  }
  std::string port_file = vm_dir + "/net_port";
  if (Status w = WriteFileAtomic(port_file, std::to_string(ssh_port), 0600); !w.ok()) return w;
  return a;
}

void VmNetwork::Detach(const std::string& vm_dir) {
  auto slot_text = ReadFile(vm_dir + "/net_slot");
  if (!slot_text.ok()) return;
  int slot = -1;
  const std::string& s = slot_text.value();
  std::from_chars(s.data(), s.data() + s.size(), slot);
  if (auto port = ReadFile(vm_dir + "/net_port"); port.ok()) {
    static_cast<void>(
        RunCommand({kNft, "delete", "element", "ip", table_, "sshd", "{ " + port.value() + " }"}));
    ::unlink((vm_dir + "/net_port").c_str());
  }
  // Deleting the netns name lets the namespace go with its last process; the
  // veth pair goes with it.
  if (slot >= 0) static_cast<void>(RunCommand({kIp, "netns", "del", Name(slot)}));
  ::unlink((vm_dir + "/net_slot").c_str());
}

}  // namespace vers::local
