#include "resources/ssh_key_ephemeral.h"

#include "base/log.h"
#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {

using schema::Attribute;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<std::string> vm_id{this, "vm_id"};
  schema::Attr<std::string> private_key{this, "private_key"};
  schema::Attr<std::string> ssh_host{this, "ssh_host"};
  schema::Attr<int64_t> ssh_port{this, "ssh_port"};
};
const Attrs kA;

schema::Schema VmSshKeySchema() {
  schema::Schema s;
  s.block.description =
      "A VM's SSH private key and how to reach it, for this run only: the key is never written "
      "to state or plan. Use it in provider configurations, provisioners or other ephemeral "
      "contexts.";
  s.block.attributes = {
      kA.vm_id.Declare().Required().Description("The VM whose key to fetch."),
      kA.private_key.Declare().Computed().Sensitive().Description(
          "The VM's SSH private key (OpenSSH format), user `root`."),
      kA.ssh_host.Declare().Computed().Description(
          "SSH-over-TLS host name: `<vm_id>.<vm_domain>`."),
      kA.ssh_port.Declare().Computed().Description(
          "TLS port of the SSH-over-TLS front to dial for `ssh_host`: the "
          "provider's `ssh_tls_port` (443 on Vers)."),
  };
  s.attr_sets = {&kA};
  return s;
}

}  // namespace

VmSshKey::VmSshKey() : WithSchema("vers_vm_ssh_key", VmSshKeySchema()) {}

void VmSshKey::Open(const OpenEphemeralRequest& req, OpenEphemeralResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto vm_id = values::Get(req.config, kA.vm_id);
  if (api == nullptr) return;
  if (!vm_id) {
    resp.diagnostics.AddError("Unknown vm_id", "vm_id must be known to fetch the VM's key.",
                              kA.vm_id.path());
    return;
  }
  auto key = api->GetSshKey(*vm_id, std::chrono::steady_clock::now() + std::chrono::minutes(2));
  if (!key.ok())
    return AddApiError(resp.diagnostics, "Cannot fetch the SSH key of " + *vm_id, key.status());
  log::AddSecret(key.value().private_key);
  resp.result = values::ObjectBuilder(req.config)
                    .Set(kA.private_key, key.value().private_key)
                    .Set(kA.ssh_host, ctx.SshHost(*vm_id))
                    .Set(kA.ssh_port, ctx.settings().ssh_tls_port)
                    .Build();
}

}  // namespace vers::resources
