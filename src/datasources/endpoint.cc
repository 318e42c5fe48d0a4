#include "datasources/endpoint.h"

#include "resources/context.h"

namespace vers::datasources {

using schema::Attribute;

Endpoint::Endpoint() {
  schema_.block.description =
      "The Vers endpoints the provider is configured to use. Reads no API: handy for building "
      "SSH commands (`root@<vm_id>.<vm_domain>`) and outputs that follow the provider's settings.";
  schema_.block.attributes = {
      Attribute::String("base_url").Computed().Description("The Vers API base URL in use."),
      Attribute::String("vm_domain")
          .Computed()
          .Description("The domain VMs answer under: a VM's SSH host is `<vm_id>.<vm_domain>`."),
      Attribute::Number("ssh_port")
          .Computed()
          .Description("The TLS port of the SSH-over-TLS front: the provider's `ssh_tls_port` "
                       "(443 on Vers)."),
      Attribute::Bool("has_api_key")
          .Computed()
          .Description("Whether an API key is configured (the key itself is never exposed)."),
  };
}

void Endpoint::Read(const ReadDataRequest& req, StateResponse& resp) const {
  const provider::Settings& s = provider::VersContext::From(req.ctx).settings();
  resp.state = cty::Value::Object({
      {"base_url", cty::Value::String(s.base_url)},
      {"vm_domain", cty::Value::String(s.vm_domain)},
      {"ssh_port", cty::Value::Int(s.ssh_tls_port)},
      {"has_api_key", cty::Value::Bool(s.api_key.has_value() && !s.api_key->empty())},
  });
}

}  // namespace vers::datasources
