// VersClient's env var and domain calls on the wire. Sources: the Vers spec
// (SetEnvVarsRequest {vars, replace}, EnvVarsResponse, DELETE
// /env_vars/{key}; CreateDomainRequest, DomainResponse, GET /domains?vm_id=)
// and hdresearch/vers-cli internal/services/env/service.go (SetEnvVar: one
// key, replace false).
#include <catch2/catch.hpp>

#include "client/vers_client.h"
#include "test/client/client_options.h"
#include "test/client/test_server.h"

namespace vers::client {
namespace {

HttpOptions Options(const testing::TestHttpsServer& s) { return testing::TestServerOptions(s, 2); }

using testing::Soon;

const char* kDomain =
    R"({"domain_id":"11111111-1111-4111-8111-111111111111","vm_id":"v","domain":"a.example.com",)"
    R"("created_at":"2026-01-01T00:00:00Z"})";

}  // namespace

TEST_CASE("an env var is upserted alone, read back with its value, deleted by key",
          "[client][account]") {
  testing::TestHttpsServer server;
  std::string put_body, deleted;
  server.http().Put("/api/v1/env_vars", [&](const httplib::Request& req, httplib::Response& res) {
    put_body = req.body;
    res.set_content(R"({"vars":{"A":"1"}})", "application/json");
  });
  server.http().Get("/api/v1/env_vars", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"vars":{"A":"1","B":"two words"}})", "application/json");
  });
  server.http().Delete(R"(/api/v1/env_vars/(.+))",
                       [&](const httplib::Request& req, httplib::Response& res) {
                         deleted = req.matches[1];
                         res.status = 204;
                       });
  server.Start();
  VersClient client(Options(server), nullptr);
  REQUIRE(client.SetEnvVar("A", "va\"lue", Soon()).ok());
  CHECK(put_body == R"({"vars":{"A":"va\"lue"},"replace":false})");
  auto all = client.ListEnvVars(Soon());
  REQUIRE(all.ok());
  CHECK(all.value() == std::map<std::string, std::string>{{"A", "1"}, {"B", "two words"}});
  REQUIRE(client.DeleteEnvVar("A", Soon()).ok());
  CHECK(deleted == "A");
}

TEST_CASE("a domain is bound, read, listed by VM and deleted", "[client][account]") {
  testing::TestHttpsServer server;
  std::string post_body, list_target;
  server.http().Post("/api/v1/domains", [&](const httplib::Request& req, httplib::Response& res) {
    post_body = req.body;
    res.status = 201;
    res.set_content(kDomain, "application/json");
  });
  server.http().Get("/api/v1/domains", [&](const httplib::Request& req, httplib::Response& res) {
    list_target = req.target;
    res.set_content(std::string("[") + kDomain + "]", "application/json");
  });
  server.http().Get(R"(/api/v1/domains/(.+))", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kDomain, "application/json");
  });
  server.http().Delete(
      R"(/api/v1/domains/(.+))", [](const httplib::Request& req, httplib::Response& res) {
        res.set_content(R"({"domain_id":")" + req.matches[1].str() + "\"}", "application/json");
      });
  server.Start();
  VersClient client(Options(server), nullptr);
  auto made = client.CreateDomain("v", "a.example.com", Soon());
  REQUIRE(made.ok());
  CHECK(post_body == R"({"vm_id":"v","domain":"a.example.com"})");
  CHECK(made.value().domain_id == "11111111-1111-4111-8111-111111111111");
  auto got = client.GetDomain(made.value().domain_id, Soon());
  REQUIRE(got.ok());
  CHECK(got.value().created_at == "2026-01-01T00:00:00Z");
  auto listed = client.ListDomains(std::string("v"), Soon());
  REQUIRE(listed.ok());
  CHECK(listed.value().size() == 1);
  CHECK(list_target == "/api/v1/domains?vm_id=v");
  CHECK(client.DeleteDomain(made.value().domain_id, Soon()).ok());
}

}  // namespace vers::client
