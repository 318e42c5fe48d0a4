#include "resources/context.h"

#include "resources/framework.h"

namespace vers::provider {

const std::string* VersContext::RequireApiKey(Diagnostics& diags) const {
  if (settings_.api_key && !settings_.api_key->empty()) return &*settings_.api_key;
  diags.AddError("Missing Vers API key",
                 "This operation calls the Vers API, which needs an API key. Set the VERS_API_KEY "
                 "environment variable, or api_key in the provider \"vers\" block (from a "
                 "variable, never a literal in committed code).",
                 kProvider.api_key.path());
  return nullptr;
}

client::VersClient* VersContext::Client(Diagnostics& diags) {
  const std::string* key = RequireApiKey(diags);
  if (key == nullptr) return nullptr;
  std::lock_guard<std::mutex> lock(mu_);
  if (!client_) {
    client::HttpOptions options;
    options.base_url = settings_.base_url;
    options.bearer_token = *key;
    options.ca_cert_file = settings_.ca_cert_file;
    options.insecure = settings_.insecure;
    options.user_agent = std::string("terraform-provider-vers/") + VERS_PROVIDER_VERSION;
    // Failures that are worth retrying are independent draws on a lossy
    // network: with a third of requests failing, 6 attempts leave about one
    // read in 400 failed, 10 about one in 20000 (issue 10, item 3). The
    // call's deadline still bounds the whole.
    options.max_attempts = 10;
    client_ = std::make_unique<client::VersClient>(std::move(options), stop_flag());
  }
  return client_.get();
}

client::VergeioClient* VersContext::Vergeio(Diagnostics& diags) {
  if (!vergeio_) {
    diags.AddError("VergeIO is not configured",
                   "The vers_vergeio_* resources need the provider's vergeio block (endpoint, "
                   "username, password) or the VERGEIO_ENDPOINT, VERGEIO_USERNAME and "
                   "VERGEIO_PASSWORD environment variables.",
                   kProvider.vergeio.path());
    return nullptr;
  }
  std::lock_guard<std::mutex> lock(mu_);
  if (!vergeio_client_)
    vergeio_client_ = std::make_unique<client::VergeioClient>(vergeio_->client, stop_flag());
  return vergeio_client_.get();
}

}  // namespace vers::provider
