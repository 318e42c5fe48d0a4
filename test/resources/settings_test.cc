#include "resources/settings.h"

#include <catch2/catch.hpp>
#include <cstdlib>

#include "resources/framework.h"

namespace vers::provider {

using cty::Type;
using cty::Value;

static Value Config(std::map<std::string, Value> set) {
  Value::Attributes all = {
      {"api_key", Value::Null(Type::String())},   {"base_url", Value::Null(Type::String())},
      {"vm_domain", Value::Null(Type::String())}, {"ca_cert_file", Value::Null(Type::String())},
      {"insecure", Value::Null(Type::Bool())},    {"ssh_tls_port", Value::Null(Type::Number())}};
  for (auto& [k, v] : set) all[k] = v;
  return Value::Object(all);
}

TEST_CASE("base_url must be https, http only for loopback", "[settings]") {
  Diagnostics d;
  CHECK(CheckBaseUrl("https://api.vers.sh/api/v1", {}, "base_url", d));
  CHECK(CheckBaseUrl("http://127.0.0.1:4000/api/v1", {}, "base_url", d));
  CHECK(CheckBaseUrl("http://localhost:4000", {}, "base_url", d));
  CHECK(CheckBaseUrl("http://[::1]:4000", {}, "base_url", d));
  CHECK_FALSE(d.HasError());
  CHECK_FALSE(CheckBaseUrl("http://api.vers.sh", AttributePath::Root("base_url"), "base_url", d));
  CHECK_FALSE(CheckBaseUrl("api.vers.sh", {}, "base_url", d));
  CHECK_FALSE(CheckBaseUrl("ftp://api.vers.sh", {}, "base_url", d));
  REQUIRE(d.items().size() == 3);
  CHECK(d.items()[0].path->ToString() == "base_url");
}

// Names that only look local are resolved by DNS and may lead anywhere: the
// API key must not travel to them in clear.
TEST_CASE("plain http is refused for names that only look like loopback", "[settings]") {
  Diagnostics d;
  CHECK(CheckBaseUrl("http://127.255.0.9/api/v1", {}, "base_url", d));
  CHECK_FALSE(d.HasError());
  for (const char* url : {"http://127.attacker.test:8099/api/v1", "http://127.0.0.1.nip.io/",
                          "http://vers.localhost/api/v1", "http://localhost.example.com/",
                          "http://[::2]/", "http://128.0.0.1/"}) {
    Diagnostics one;
    CHECK_FALSE(CheckBaseUrl(url, AttributePath::Root("base_url"), "base_url", one));
    REQUIRE(one.items().size() == 1);
    CHECK(one.items()[0].detail.find("in clear") != std::string::npos);
  }
}

// As hdresearch/vers-cli internal/auth/auth.go GetVMDomain (and its
// auth_test.go cases): api.<d> -> vm.<d>; any other host -> vm.vers.sh.
TEST_CASE("vm_domain is derived from base_url", "[settings]") {
  CHECK(DeriveVmDomain("https://api.vers.sh/api/v1") == "vm.vers.sh");
  CHECK(DeriveVmDomain("https://api.staging.vers.sh") == "vm.staging.vers.sh");
  CHECK(DeriveVmDomain("https://api.dev.example.com") == "vm.dev.example.com");
  CHECK(DeriveVmDomain("https://API.Staging.Vers.sh/api/v1") == "vm.staging.vers.sh");
  CHECK(DeriveVmDomain("https://127.0.0.1:8443/api/v1") == "vm.localhost");
  CHECK(DeriveVmDomain("http://localhost:4000") == "vm.localhost");
}

TEST_CASE("a host not starting with api. names no VM domain: vm.vers.sh", "[settings]") {
  for (const char* url :
       {"https://vers.internal.example", "https://vers.sh/api/v1", "https://10.0.0.5:8443/api/v1",
        "https://api/v1", "https://apix.vers.sh", "not a url"}) {
    INFO(url);
    CHECK_FALSE(VmDomainFromBaseUrl(url));
    CHECK(DeriveVmDomain(url) == "vm.vers.sh");
  }
}

TEST_CASE("an assumed vm_domain is a warning on vm_domain that says how to set it", "[settings]") {
  ::unsetenv("VERS_VM_DOMAIN");
  ::unsetenv("VERS_SSH_TLS_PORT");
  Diagnostics d;
  Settings s =
      ResolveSettings(Config({{"base_url", Value::String("https://vers.internal.example")}}), d);
  CHECK(s.vm_domain == "vm.vers.sh");
  CHECK_FALSE(d.HasError());
  REQUIRE(d.items().size() == 1);
  CHECK(d.items()[0].summary == "vm_domain assumed");
  CHECK(d.items()[0].path->ToString() == "vm_domain");
  CHECK(d.items()[0].detail.find("Set vm_domain (or VERS_VM_DOMAIN)") != std::string::npos);
  Diagnostics quiet;
  ResolveSettings(Config({{"base_url", Value::String("https://vers.internal.example")},
                          {"vm_domain", Value::String("vm.internal.example")}}),
                  quiet);
  CHECK(quiet.items().empty());
}

// Every public client dials the SSH-over-TLS front on 443 (hdresearch/vers-cli
// internal/ssh/client.go, vers-sdk-ts src/lib/ssh/client.ts, vers-tf
// internal/client/ssh.go), whatever ssh_port GET /vm/{id}/ssh_key reports.
TEST_CASE("the SSH dial target: <vm_id>.<vm_domain> on ssh_tls_port, 443 by default",
          "[settings]") {
  ::unsetenv("VERS_BASE_URL");
  ::unsetenv("VERS_VM_DOMAIN");
  ::unsetenv("VERS_SSH_TLS_PORT");
  Diagnostics d;
  Settings def = ResolveSettings(Config({}), d);
  CHECK_FALSE(d.HasError());
  CHECK(def.ssh_tls_port == 443);
  SshDialTarget t = ResolveSshDialTarget(def, "0b5e3a1c");
  CHECK(t.host == "0b5e3a1c.vm.vers.sh");
  CHECK(t.port == 443);

  ::setenv("VERS_SSH_TLS_PORT", "8443", 1);
  Settings env = ResolveSettings(Config({}), d);
  CHECK(ResolveSshDialTarget(env, "0b5e3a1c").port == 8443);
  Settings cfg = ResolveSettings(Config({{"ssh_tls_port", Value::Int(9443)}}), d);
  CHECK(ResolveSshDialTarget(cfg, "0b5e3a1c").port == 9443);  // config wins
  CHECK_FALSE(d.HasError());
  SshDialTarget o = ResolveSshDialTarget(cfg, "0b5e3a1c", "other.example", 2443);
  CHECK(o.host == "other.example");
  CHECK(o.port == 2443);

  for (const char* bad : {"0", "65536", "44x", "-1", " 443", "99999999999999999999"}) {
    INFO(bad);
    ::setenv("VERS_SSH_TLS_PORT", bad, 1);
    Diagnostics e;
    ResolveSettings(Config({}), e);
    REQUIRE(e.HasError());
    CHECK(e.items()[0].summary == "Invalid VERS_SSH_TLS_PORT");
    CHECK(e.items()[0].detail.find("1-65535") != std::string::npos);
  }
  ::unsetenv("VERS_SSH_TLS_PORT");
  Diagnostics e;
  ResolveSettings(Config({{"ssh_tls_port", Value::Int(70000)}}), e);
  REQUIRE(e.HasError());
  CHECK(e.items()[0].path->ToString() == "ssh_tls_port");
}

TEST_CASE("config wins over environment; defaults apply", "[settings]") {
  ::setenv("VERS_API_KEY", "env-key-123", 1);
  ::setenv("VERS_BASE_URL", "https://api.env.example/api/v1/", 1);
  ::unsetenv("VERS_VM_DOMAIN");
  Diagnostics d;
  Settings s = ResolveSettings(Config({}), d);
  CHECK_FALSE(d.HasError());
  CHECK(s.api_key == std::optional<std::string>("env-key-123"));
  CHECK(s.base_url == "https://api.env.example/api/v1");  // trailing slash dropped
  CHECK(s.vm_domain == "vm.env.example");
  Settings c = ResolveSettings(Config({{"api_key", Value::String("cfg-key-456")},
                                       {"base_url", Value::String("https://api.vers.sh/api/v1")},
                                       {"vm_domain", Value::String("vm.custom.test")}}),
                               d);
  CHECK(c.api_key == std::optional<std::string>("cfg-key-456"));
  CHECK(c.base_url == "https://api.vers.sh/api/v1");
  CHECK(c.vm_domain == "vm.custom.test");
  ::unsetenv("VERS_API_KEY");
  ::unsetenv("VERS_BASE_URL");
  Settings none = ResolveSettings(Config({}), d);
  CHECK_FALSE(none.api_key);
  CHECK(none.base_url == kDefaultBaseUrl);
}

}  // namespace vers::provider
