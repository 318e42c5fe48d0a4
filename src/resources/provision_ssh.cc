// vers_provision over SSH-over-TLS: see provision_ssh.h.
#include "resources/provision_ssh.h"

#include "plugin/log.h"
#include "plugin/schema/duration.h"
#include "resources/vm_common.h"

namespace vers::resources {

Result<std::unique_ptr<ssh::SshSession>> ConnectToVm(provider::VersContext& ctx,
                                                     client::VersClient& api,
                                                     const cty::Value& object,
                                                     client::Deadline deadline) {
  std::string vm_id = values::String(object, "vm_id").value_or("");
  auto key = api.GetSshKey(vm_id, deadline);
  if (!key.ok()) return key.status();
  log::AddSecret(key.value().private_key);
  // The key's ssh_port is the port DNAT'd to the VM inside Vers; clients
  // dial the TLS front (the provider's ssh_tls_port) instead.
  auto target = provider::ResolveSshDialTarget(
      ctx.settings(), vm_id, values::String(object, "ssh_host"), values::Int(object, "ssh_port"));
  ssh::ConnectOptions o;
  o.tls.server_name = target.host;
  o.tls.connect_host = target.host;
  o.tls.port = target.port;
  o.tls.ca_cert_file = ctx.settings().ca_cert_file;
  o.tls.insecure = ctx.settings().insecure;
  o.private_key = key.value().private_key;
  o.deadline = deadline;
  o.stop = ctx.stop_flag();
  if (auto every = values::String(object, "keepalive_interval")) {
    auto d = schema::ParseDuration(*every);
    if (d.ok()) o.keepalive_interval = d.value();
  }
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

}  // namespace vers::resources
