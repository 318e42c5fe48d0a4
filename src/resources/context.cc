#include "resources/context.h"

namespace vers::provider {

const std::string* VersContext::RequireApiKey(Diagnostics& diags) const {
  if (settings_.api_key && !settings_.api_key->empty()) return &*settings_.api_key;
  diags.AddError("Missing Vers API key",
                 "This operation calls the Vers API, which needs an API key. Set the VERS_API_KEY "
                 "environment variable, or api_key in the provider \"vers\" block (from a "
                 "variable, never a literal in committed code).",
                 AttributePath::Root("api_key"));
  return nullptr;
}

}  // namespace vers::provider
