// ConfigureProvider: the provider's lifecycle.
#include "plugin/server/server.h"

namespace tfplugin::server {

Diagnostics Server::ConfigureProvider(const cty::Value& config,
                                      const std::string& terraform_version) {
  ConfigureRequest creq{config, terraform_version};
  ConfigureResponse cresp;
  provider_->Configure(creq, cresp);
  return cresp.diagnostics;
}

}  // namespace tfplugin::server
