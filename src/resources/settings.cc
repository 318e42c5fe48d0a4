#include "resources/settings.h"

#include <arpa/inet.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>

#include "plugin/values.h"
#include "resources/framework.h"

namespace vers::provider {
namespace {

struct UrlParts {
  std::string scheme;
  std::string host;
};

// Parses with libcurl's URL API; nullopt when it is not an absolute URL.
std::optional<UrlParts> ParseUrl(const std::string& url) {
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> h(curl_url(), curl_url_cleanup);
  if (!h || curl_url_set(h.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return std::nullopt;
  UrlParts parts;
  for (auto [part, out] :
       {std::pair{CURLUPART_SCHEME, &parts.scheme}, std::pair{CURLUPART_HOST, &parts.host}}) {
    char* value = nullptr;
    if (curl_url_get(h.get(), part, &value, 0) != CURLUE_OK) return std::nullopt;
    *out = value;
    curl_free(value);
  }
  return parts;
}

// Only a literal loopback address (127.0.0.0/8, ::1) or exactly "localhost":
// any other name, "127.attacker.test" or "x.localhost" included, is resolved
// by DNS and may lead off the machine.
bool IsLoopbackHost(const std::string& host) {
  if (host == "localhost") return true;
  in_addr v4{};
  if (::inet_pton(AF_INET, host.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    in6_addr v6{};
    std::string inner = host.substr(1, host.size() - 2);
    return ::inet_pton(AF_INET6, inner.c_str(), &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
  }
  return false;
}

std::optional<std::string> Env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

bool IsPort(int64_t n) { return n >= 1 && n <= 65535; }

// ssh_tls_port from the provider block, else VERS_SSH_TLS_PORT, else 443.
int ResolveSshTlsPort(const cty::Value& config, Diagnostics& diags) {
  const std::string accepted =
      "Give the TCP port (1-65535) of the SSH-over-TLS front: 443 on "
      "Vers; vers-local prints its port as ssh_tls_port when ready.";
  cty::Value v = values::Raw(config, kProvider.ssh_tls_port);
  if (v.is_known() && !v.is_null()) {
    auto n = v.AsNumber().ToInt64();
    if (n && IsPort(*n)) return static_cast<int>(*n);
    diags.AddError("Invalid ssh_tls_port", "ssh_tls_port is not a port number. " + accepted,
                   kProvider.ssh_tls_port.path());
    return kDefaultSshTlsPort;
  }
  auto env = Env("VERS_SSH_TLS_PORT");
  if (!env) return kDefaultSshTlsPort;
  bool digits = env->size() <= 5 && std::all_of(env->begin(), env->end(), [](unsigned char c) {
                  return std::isdigit(c) != 0;
                });
  if (digits && IsPort(std::stoll(*env))) return static_cast<int>(std::stoll(*env));
  diags.AddError("Invalid VERS_SSH_TLS_PORT",
                 "VERS_SSH_TLS_PORT (used because ssh_tls_port is unset) is \"" +
                     env->substr(0, 40) + "\", not a port number. " + accepted,
                 kProvider.ssh_tls_port.path());
  return kDefaultSshTlsPort;
}

}  // namespace

bool CheckBaseUrl(const std::string& url, const std::optional<AttributePath>& path,
                  const std::string& source, Diagnostics& diags) {
  const std::string accepted =
      "Give an https URL such as \"https://api.vers.sh/api/v1\" (http is accepted only for a "
      "literal loopback address such as 127.0.0.1 or [::1], or exactly localhost).";
  auto parts = ParseUrl(url);
  if (!parts) {
    diags.AddError("Invalid base_url",
                   source + " \"" + url + "\" is not an absolute URL. " + accepted, path);
    return false;
  }
  if (parts->scheme == "https") return true;
  if (parts->scheme == "http" && IsLoopbackHost(parts->host)) return true;
  diags.AddError(
      "Invalid base_url",
      source + " \"" + url + "\" uses " +
          (parts->scheme == "http" ? std::string("plain http to a non-loopback host, "
                                                 "which would send the API key in clear")
                                   : "the unsupported scheme \"" + parts->scheme + "\"") +
          ". " + accepted,
      path);
  return false;
}

std::optional<std::string> VmDomainFromBaseUrl(const std::string& base_url) {
  auto parts = ParseUrl(base_url);
  if (!parts) return std::nullopt;
  std::string host = parts->host;  // host names are case-insensitive
  std::transform(host.begin(), host.end(), host.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (IsLoopbackHost(host)) return "vm.localhost";
  if (host.starts_with("api.") && host.size() > 4) return "vm." + host.substr(4);
  return std::nullopt;
}

std::string DeriveVmDomain(const std::string& base_url) {
  return VmDomainFromBaseUrl(base_url).value_or(kDefaultVmDomain);
}

SshDialTarget ResolveSshDialTarget(const Settings& settings, const std::string& vm_id,
                                   const std::optional<std::string>& host_override,
                                   const std::optional<int64_t>& port_override) {
  SshDialTarget t;
  t.host = host_override.value_or(vm_id + "." + settings.vm_domain);
  t.port = static_cast<int>(port_override.value_or(settings.ssh_tls_port));
  return t;
}

Settings ResolveSettings(const cty::Value& config, Diagnostics& diags) {
  Settings s;
  s.api_key = values::Get(config, kProvider.api_key);
  if (!s.api_key) s.api_key = Env("VERS_API_KEY");

  if (auto url = values::Get(config, kProvider.base_url)) {
    if (CheckBaseUrl(*url, kProvider.base_url.path(), "base_url", diags)) s.base_url = *url;
  } else if (auto env = Env("VERS_BASE_URL")) {
    if (CheckBaseUrl(*env, kProvider.base_url.path(),
                     "VERS_BASE_URL (used because base_url is unset)", diags)) {
      s.base_url = *env;
    }
  }
  while (s.base_url.size() > 1 && s.base_url.back() == '/') s.base_url.pop_back();

  if (auto d = values::Get(config, kProvider.vm_domain)) {
    s.vm_domain = *d;
  } else if (auto env = Env("VERS_VM_DOMAIN")) {
    s.vm_domain = *env;
  } else if (auto derived = VmDomainFromBaseUrl(s.base_url)) {
    s.vm_domain = *derived;
  } else {
    s.vm_domain = kDefaultVmDomain;
    diags.AddWarning("vm_domain assumed",
                     "The host of base_url \"" + s.base_url +
                         "\" does not start with \"api.\", so it does not say under which "
                         "domain VMs answer SSH-over-TLS; \"" +
                         kDefaultVmDomain +
                         "\" is assumed, as the Vers CLI does. Set vm_domain (or "
                         "VERS_VM_DOMAIN) to the domain of your deployment.",
                     kProvider.vm_domain.path());
  }
  s.ssh_tls_port = ResolveSshTlsPort(config, diags);

  if (auto ca = values::Get(config, kProvider.ca_cert_file)) {
    if (::access(ca->c_str(), R_OK) != 0) {
      diags.AddError("Unreadable ca_cert_file",
                     "ca_cert_file \"" + *ca +
                         "\" cannot be read. Give the path of a PEM file "
                         "holding the CA certificate(s) that signed the API's certificate.",
                     kProvider.ca_cert_file.path());
    } else {
      s.ca_cert_file = *ca;
    }
  }
  s.insecure = values::Get(config, kProvider.insecure).value_or(false);
  s.store_ssh_private_key = values::Get(config, kProvider.store_ssh_private_key).value_or(true);
  return s;
}

}  // namespace vers::provider
