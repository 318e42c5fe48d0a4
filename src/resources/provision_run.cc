#include "resources/provision_run.h"

#include "base/log.h"
#include "plugin/schema/duration.h"
#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/provision.h"

namespace vers::resources {

namespace {

// The duration attribute `attr` of `object`, when set and valid.
std::optional<std::chrono::milliseconds> DurationOf(const cty::Value& object,
                                                    const schema::Attr<std::string>& attr) {
  auto text = values::Get(object, attr);
  if (!text) return std::nullopt;
  auto d = schema::ParseDuration(*text);
  return d.ok() ? std::optional(d.value()) : std::nullopt;
}

}  // namespace

SshTarget SshTargetOf(const cty::Value& object) {
  SshTarget t;
  t.vm_id = values::Get(object, kProvision.vm_id).value_or("");
  t.ssh_host = values::Get(object, kProvision.ssh_host);
  t.ssh_port = values::Get(object, kProvision.ssh_port);
  t.keepalive_interval = KeepaliveInterval(object);
  return t;
}

std::optional<std::chrono::milliseconds> KeepaliveInterval(const cty::Value& object) {
  return DurationOf(object, kProvisionInputs.keepalive_interval);
}

Result<std::unique_ptr<ssh::SshSession>> ConnectToVm(provider::VersContext& ctx,
                                                     client::VersClient& api,
                                                     const SshTarget& target,
                                                     client::Deadline deadline) {
  auto key = api.GetSshKey(target.vm_id, deadline);
  if (!key.ok()) return key.status();
  log::AddSecret(key.value().private_key);
  // The key's ssh_port is the port DNAT'd to the VM inside Vers; clients
  // dial the TLS front (the provider's ssh_tls_port) instead.
  auto dial = provider::ResolveSshDialTarget(ctx.settings(), target.vm_id, target.ssh_host,
                                             target.ssh_port);
  ssh::ConnectOptions o;
  o.tls.server_name = dial.host;
  o.tls.connect_host = dial.host;
  o.tls.port = dial.port;
  o.tls.ca_cert_file = ctx.settings().ca_cert_file;
  o.tls.insecure = ctx.settings().insecure;
  o.private_key = key.value().private_key;
  o.deadline = deadline;
  o.stop = ctx.stop_flag();
  if (target.keepalive_interval) o.keepalive_interval = *target.keepalive_interval;
  const std::string& vm_id = target.vm_id;
  return ssh::SshSession::Connect(o, [&vm_id](const std::string& why) {
    log::Debug("waiting for the VM's SSH", {{"vm_id", vm_id}, {"reason", why}});
  });
}

bool RunCommands(ssh::SshSession& session, const ProvisionInputs& in,
                 const std::vector<std::string>& commands, const std::string& attribute,
                 std::optional<std::chrono::milliseconds> per_command, client::Deadline deadline,
                 std::string& summary, Diagnostics& diags) {
  std::string codes;
  for (size_t i = 0; i < commands.size(); ++i) {
    auto until = per_command ? std::min(deadline, ssh::Clock::now() + *per_command) : deadline;
    auto on_line = [&in, i](const std::string& line, bool is_stderr) {
      log::Info("provision output", {{"vm_id", in.vm_id},
                                     {"command", std::to_string(i + 1)},
                                     {"stream", is_stderr ? "stderr" : "stdout"},
                                     {"line", line}});
    };
    auto r = session.Run(RemoteCommand(in, commands[i]), until, on_line);
    auto path = AttributePath::Root(attribute).ElementIndex(static_cast<int64_t>(i));
    std::string which = "Command " + std::to_string(i + 1) + " of " +
                        std::to_string(commands.size()) + " (`" + commands[i] + "`)";
    if (!r.ok()) {
      diags.AddError("Provisioning command failed", which + ": " + r.status().message(), path);
      return false;
    }
    if (r.value().exit_status != 0) {
      std::string tail;
      for (const auto& l : r.value().stderr_tail) tail += "\n  " + l;
      diags.AddError("Provisioning command failed",
                     which + " exited with status " + std::to_string(r.value().exit_status) +
                         (tail.empty() ? " and wrote nothing to stderr."
                                       : ". The last lines of its stderr:" + tail),
                     path);
      return false;
    }
    codes += (codes.empty() ? "" : ",") + std::to_string(r.value().exit_status);
  }
  summary += std::to_string(commands.size()) + " commands" +
             (commands.empty() ? "" : " (exit codes " + codes + ")");
  return true;
}

std::optional<std::chrono::milliseconds> CommandTimeout(const cty::Value& object) {
  return DurationOf(object, kProvisionInputs.command_timeout);
}

void SyncDisk(ssh::SshSession& session, client::Deadline deadline, Diagnostics& diags) {
  auto sync = session.Run("sync", deadline, nullptr);
  if (!sync.ok() || sync.value().exit_status != 0)
    diags.AddWarning("sync failed on the VM",
                     "A commit taken now might miss recent writes: " +
                         (sync.ok() ? "exit status " + std::to_string(sync.value().exit_status)
                                    : sync.status().message()));
}

}  // namespace vers::resources
