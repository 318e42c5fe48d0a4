#include "resources/vergeio_config.h"

#include <unistd.h>

#include <cstdlib>

#include "plugin/schema/duration.h"
#include "plugin/schema/validators.h"
#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/settings.h"

namespace vers::provider {

const VergeioBlockAttrs kVergeioBlock;

using schema::Attribute;

schema::NestedBlock VergeioBlock() {
  schema::Block b;
  b.description = "How to reach a VergeIO system, for the `vers_vergeio_*` resources.";
  b.attributes = {
      kVergeioBlock.endpoint.Declare().Optional().Description(
          "Host name or `https://` URL of the VergeIO system. Defaults to `VERGEIO_ENDPOINT`."),
      kVergeioBlock.username.Declare().Optional().Description(
          "VergeIO user. Defaults to `VERGEIO_USERNAME`."),
      kVergeioBlock.password.Declare().Optional().Sensitive().Description(
          "VergeIO password. Defaults to `VERGEIO_PASSWORD`."),
      kVergeioBlock.port.Declare()
          .Optional()
          .Description("HTTPS port (default 443; a port in `endpoint` wins).")
          .Validate(schema::validators::IntBetween(1, 65535)),
      kVergeioBlock.insecure.Declare().Optional().Description(
          "Skip TLS certificate verification (throwaway setups only)."),
      kVergeioBlock.ca_cert_file.Declare().Optional().Description(
          "PEM file of CA certificates to trust for the VergeIO system."),
      kVergeioBlock.retry_attempts.Declare()
          .Optional()
          .Description("Retries of a call that failed with a connection error, 429 or 5xx "
                       "(default 3). Other errors fail at once.")
          .Validate(schema::validators::IntBetween(0, 20)),
      kVergeioBlock.retry_delay.Declare()
          .Optional()
          .Description("Delay between retries, e.g. `\"10s\"` (the default).")
          .Validate(schema::validators::Duration()),
      kVergeioBlock.timeout.Declare()
          .Optional()
          .Description("Longest time an operation may take (default `\"5m\"`), unless a "
                       "resource's `timeouts` say otherwise.")
          .Validate(schema::validators::Duration()),
  };
  return schema::MakeNestedBlock(kProvider.vergeio.name(), schema::Nesting::kSingle, std::move(b));
}

namespace {

std::optional<std::string> Setting(const cty::Value& block, const schema::Attr<std::string>& attr,
                                   const char* env) {
  if (auto v = values::Get(block, attr)) return v;
  if (env == nullptr) return std::nullopt;
  const char* e = std::getenv(env);
  if (e == nullptr || *e == '\0') return std::nullopt;
  return std::string(e);
}

template <typename T>
AttributePath At(const schema::Attr<T>& attr) {
  return kProvider.vergeio.path().Attribute(attr.name());
}

}  // namespace

std::optional<VergeioSettings> ResolveVergeio(const cty::Value& block, Diagnostics& diags,
                                              bool required) {
  auto endpoint = Setting(block, kVergeioBlock.endpoint, "VERGEIO_ENDPOINT");
  auto username = Setting(block, kVergeioBlock.username, "VERGEIO_USERNAME");
  auto password = Setting(block, kVergeioBlock.password, "VERGEIO_PASSWORD");
  if (!endpoint && !username && !password && !required) return std::nullopt;
  size_t errors = diags.items().size();
  auto missing = [&](const schema::Attr<std::string>& attr, const char* env) {
    diags.AddError("Missing VergeIO " + attr.name(),
                   "Set vergeio { " + attr.name() + " = … } in the provider block, or " + env +
                       ", to use the vers_vergeio_* resources.",
                   At(attr));
  };
  if (!endpoint) missing(kVergeioBlock.endpoint, "VERGEIO_ENDPOINT");
  if (!username) missing(kVergeioBlock.username, "VERGEIO_USERNAME");
  if (!password) missing(kVergeioBlock.password, "VERGEIO_PASSWORD");
  VergeioSettings s;
  if (endpoint) {
    std::string host = *endpoint;
    if (host.starts_with("http://")) {
      diags.AddError("Invalid VergeIO endpoint",
                     "endpoint \"" + host + "\" uses http; VergeIO is reached over https only.",
                     At(kVergeioBlock.endpoint));
    }
    if (host.starts_with("https://")) host = host.substr(8);
    while (!host.empty() && host.back() == '/') host.pop_back();
    if (host.empty() || host.find_first_of("/?# ") != std::string::npos) {
      diags.AddError("Invalid VergeIO endpoint",
                     "endpoint \"" + *endpoint +
                         "\" is not a host name or an https URL such as \"vergeio.example.com\".",
                     At(kVergeioBlock.endpoint));
    }
    bool has_port = host.find(':') != std::string::npos && host.front() != '[';
    int64_t port = values::Get(block, kVergeioBlock.port).value_or(443);
    s.client.base_url = "https://" + host + (has_port ? "" : ":" + std::to_string(port));
  }
  s.client.username = username.value_or("");
  s.client.password = password.value_or("");
  s.client.insecure = values::Get(block, kVergeioBlock.insecure).value_or(false);
  if (auto ca = values::Get(block, kVergeioBlock.ca_cert_file)) {
    if (::access(ca->c_str(), R_OK) != 0)
      diags.AddError("Unreadable ca_cert_file", "\"" + *ca + "\" cannot be read.",
                     At(kVergeioBlock.ca_cert_file));
    s.client.ca_cert_file = *ca;
  }
  s.client.retry_attempts =
      static_cast<int>(values::Get(block, kVergeioBlock.retry_attempts).value_or(3));
  s.client.retry_delay = std::chrono::seconds(10);
  if (auto d = values::Get(block, kVergeioBlock.retry_delay)) {
    if (auto parsed = schema::ParseDuration(*d); parsed.ok()) s.client.retry_delay = parsed.value();
  }
  s.timeout = std::chrono::minutes(5);
  if (auto t = values::Get(block, kVergeioBlock.timeout)) {
    if (auto parsed = schema::ParseDuration(*t); parsed.ok()) s.timeout = parsed.value();
  }
  if (diags.items().size() != errors) return std::nullopt;
  return s;
}

}  // namespace vers::provider
