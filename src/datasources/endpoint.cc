#include "datasources/endpoint.h"

#include "plugin/values.h"
#include "resources/context.h"
#include "resources/framework.h"

namespace vers::datasources {

using schema::Attribute;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<std::string> base_url{this, "base_url"};
  schema::Attr<std::string> vm_domain{this, "vm_domain"};
  schema::Attr<int64_t> ssh_port{this, "ssh_port"};
  schema::Attr<bool> has_api_key{this, "has_api_key"};
};
const Attrs kA;

schema::Schema EndpointSchema() {
  schema::Schema s;
  s.block.description =
      "The Vers endpoints the provider is configured to use. Reads no API: handy for building "
      "SSH commands (`root@<vm_id>.<vm_domain>`) and outputs that follow the provider's settings.";
  s.block.attributes = {
      kA.base_url.Declare().Computed().Description("The Vers API base URL in use."),
      kA.vm_domain.Declare().Computed().Description(
          "The domain VMs answer under: a VM's SSH host is `<vm_id>.<vm_domain>`."),
      kA.ssh_port.Declare().Computed().Description(
          "The TLS port of the SSH-over-TLS front: the provider's `ssh_tls_port` "
          "(443 on Vers)."),
      kA.has_api_key.Declare().Computed().Description(
          "Whether an API key is configured (the key itself is never exposed)."),
  };
  s.attr_sets = {&kA};
  return s;
}

}  // namespace

Endpoint::Endpoint() : WithSchema("vers_endpoint", EndpointSchema()) {}

void Endpoint::Read(const ReadDataRequest& req, StateResponse& resp) const {
  const provider::Settings& s = provider::VersContext::From(req.ctx).settings();
  resp.state = values::ObjectBuilder(GetSchema().ValueType())
                   .Set(kA.base_url, s.base_url)
                   .Set(kA.vm_domain, s.vm_domain)
                   .Set(kA.ssh_port, s.ssh_tls_port)
                   .Set(kA.has_api_key, s.api_key.has_value() && !s.api_key->empty())
                   .Build();
}

}  // namespace vers::datasources
