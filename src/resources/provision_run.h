// Running provisioning on a VM over SSH-over-TLS: connecting with the key
// the API gives for it, and running commands in order with their output in
// the provider log. Shared by vers_provision and vers_image_layer.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "client/vers_client.h"
#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "resources/context.h"
#include "resources/framework.h"
#include "resources/provision_inputs.h"
#include "ssh/session.h"

namespace vers::resources {

// How to reach a VM: its id, and the resource's optional overrides.
struct SshTarget {
  std::string vm_id;
  std::optional<std::string> ssh_host;  // default <vm_id>.<vm_domain>
  std::optional<int64_t> ssh_port;      // default: the provider's ssh_tls_port
  std::optional<std::chrono::milliseconds> keepalive_interval;
};

// The target named by a vers_provision object's vm_id, ssh_host, ssh_port and
// keepalive_interval attributes.
SshTarget SshTargetOf(const cty::Value& object);

// The object's `keepalive_interval` (kProvisionInputs), when set and valid.
std::optional<std::chrono::milliseconds> KeepaliveInterval(const cty::Value& object);

// Connects to the VM with the key GET /vm/{id}/ssh_key gives (added to the
// log's secrets), through the TLS front, retrying until its SSH answers, the
// deadline or Ctrl-C.
Result<std::unique_ptr<ssh::SshSession>> ConnectToVm(provider::VersContext& ctx,
                                                     client::VersClient& api,
                                                     const SshTarget& target,
                                                     client::Deadline deadline);

// Runs `commands` in order with the inputs' environment and working_dir;
// each line of output goes to the log. The first failure is an error on
// `attribute`[i] naming the command, its exit status and its last stderr
// lines; false then. Appends "N commands (exit codes …)" to `summary`.
bool RunCommands(ssh::SshSession& session, const ProvisionInputs& in,
                 const std::vector<std::string>& commands, const std::string& attribute,
                 std::optional<std::chrono::milliseconds> per_command, client::Deadline deadline,
                 std::string& summary, Diagnostics& diags);

// The object's `command_timeout` (kProvisionInputs), when set and valid.
std::optional<std::chrono::milliseconds> CommandTimeout(const cty::Value& object);

// Runs `sync` so written data reaches the disk before a commit snapshots it;
// a warning when it fails.
void SyncDisk(ssh::SshSession& session, client::Deadline deadline, Diagnostics& diags);

}  // namespace vers::resources
