#include "resources/ssh_key_ephemeral.h"

#include "base/log.h"
#include "resources/vm_common.h"

namespace vers::resources {

using schema::Attribute;

VmSshKey::VmSshKey() {
  schema_.block.description =
      "A VM's SSH private key and how to reach it, for this run only: the key is never written "
      "to state or plan. Use it in provider configurations, provisioners or other ephemeral "
      "contexts.";
  schema_.block.attributes = {
      Attribute::String("vm_id").Required().Description("The VM whose key to fetch."),
      Attribute::String("private_key")
          .Computed()
          .Sensitive()
          .Description("The VM's SSH private key (OpenSSH format), user `root`."),
      Attribute::String("ssh_host")
          .Computed()
          .Description("SSH-over-TLS host name: `<vm_id>.<vm_domain>`."),
      Attribute::Number("ssh_port")
          .Computed()
          .Description("TLS port of the SSH-over-TLS front to dial for `ssh_host`: the "
                       "provider's `ssh_tls_port` (443 on Vers)."),
  };
}

void VmSshKey::Open(const OpenEphemeralRequest& req, OpenEphemeralResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto vm_id = values::String(req.config, "vm_id");
  if (api == nullptr) return;
  if (!vm_id) {
    resp.diagnostics.AddError("Unknown vm_id", "vm_id must be known to fetch the VM's key.",
                              AttributePath::Root("vm_id"));
    return;
  }
  auto key = api->GetSshKey(*vm_id, std::chrono::steady_clock::now() + std::chrono::minutes(2));
  if (!key.ok())
    return AddApiError(resp.diagnostics, "Cannot fetch the SSH key of " + *vm_id, key.status());
  log::AddSecret(key.value().private_key);
  resp.result = values::ObjectBuilder(req.config)
                    .SetString("private_key", key.value().private_key)
                    .SetString("ssh_host", ctx.SshHost(*vm_id))
                    .SetInt("ssh_port", ctx.settings().ssh_tls_port)
                    .Build();
}

}  // namespace vers::resources
