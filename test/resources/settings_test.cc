#include "resources/settings.h"

#include <catch2/catch.hpp>
#include <cstdlib>

namespace vers::provider {

using cty::Type;
using cty::Value;

static Value Config(std::map<std::string, Value> set) {
  Value::Attributes all = {{"api_key", Value::Null(Type::String())},
                           {"base_url", Value::Null(Type::String())},
                           {"vm_domain", Value::Null(Type::String())},
                           {"ca_cert_file", Value::Null(Type::String())},
                           {"insecure", Value::Null(Type::Bool())}};
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

TEST_CASE("vm_domain is derived from base_url", "[settings]") {
  CHECK(DeriveVmDomain("https://api.vers.sh/api/v1") == "vm.vers.sh");
  CHECK(DeriveVmDomain("https://api.staging.vers.sh") == "vm.staging.vers.sh");
  CHECK(DeriveVmDomain("https://127.0.0.1:8443/api/v1") == "vm.localhost");
  CHECK(DeriveVmDomain("https://vers.internal.example") == "vm.vers.internal.example");
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
