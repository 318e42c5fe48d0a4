// vers_provision over SSH-over-TLS (transport = "ssh", the default): the
// connection to the VM and the commands run on it.
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
#include "resources/provision_inputs.h"
#include "ssh/session.h"

namespace vers::resources {

// Connects to the VM named in `object` (vm_id, ssh_host, ssh_port,
// keepalive_interval) with the key the API gives for it.
Result<std::unique_ptr<ssh::SshSession>> ConnectToVm(provider::VersContext& ctx,
                                                     client::VersClient& api,
                                                     const cty::Value& object,
                                                     client::Deadline deadline);

// Runs `commands` in order; the first failure is a diagnostic on
// `attribute`[i] naming the command, its exit status and its last stderr.
bool RunCommands(ssh::SshSession& session, const ProvisionInputs& in,
                 const std::vector<std::string>& commands, const std::string& attribute,
                 std::optional<std::chrono::milliseconds> per_command, client::Deadline deadline,
                 std::string& summary, Diagnostics& diags);

}  // namespace vers::resources
