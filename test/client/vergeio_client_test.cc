// VergeioClient against a real HTTPS server: Basic auth, VM lookup by key and
// by name, snapshots by machine key, retries of 5xx only (with the count in
// the error), and 4xx failing at once with VergeIO's message.
#include "client/vergeio_client.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <string>

#include "test/client/test_server.h"

namespace vers::client {
namespace {

VergeioOptions Options(const testing::TestHttpsServer& s) {
  VergeioOptions o;
  o.base_url = "https://localhost:" + std::to_string(s.port());
  o.username = "admin";
  o.password = "pa55-secret";
  o.ca_cert_file = s.ca_file();
  o.retry_attempts = 2;
  o.retry_delay = std::chrono::milliseconds(1);
  return o;
}

auto Soon() { return std::chrono::steady_clock::now() + std::chrono::seconds(20); }

const char* kVm = R"({"$key":3,"name":"web-1","machine":17,"cpu_cores":2,"ram":2048,)"
                  R"("cpu_type":"qemu64","description":"d","advanced":""})";

}  // namespace

TEST_CASE("VMs are found by key or by name, with Basic auth", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::string auth, filter;
  server.http().Get("/api/v4/vms/3", [&](const httplib::Request& req, httplib::Response& res) {
    auth = req.get_header_value("Authorization");
    res.set_content(kVm, "application/json");
  });
  server.http().Get("/api/v4/vms", [&](const httplib::Request& req, httplib::Response& res) {
    filter = req.get_param_value("filter");
    res.set_content(std::string("[") + kVm + "]", "application/json");
  });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto by_key = api.FindVm("3", Soon());
  REQUIRE(by_key.ok());
  CHECK(by_key.value().machine == 17);
  CHECK(auth == "Basic YWRtaW46cGE1NS1zZWNyZXQ=");  // admin:pa55-secret
  auto by_name = api.FindVm("it's web", Soon());
  REQUIRE(by_name.ok());
  CHECK(filter == "name eq 'it''s web'");
  CHECK(by_name.value().key == 3);
}

TEST_CASE("snapshots are posted for the machine key", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::string body;
  server.http().Post(
      "/api/v4/machine_snapshots", [&](const httplib::Request& req, httplib::Response& res) {
        body = req.body;
        res.status = 201;
        res.set_content(R"({"$key":9,"location":"/v4/machine_snapshots/9"})", "application/json");
      });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  VergeioSnapshot s;
  s.machine = 17;
  s.name = "n";
  auto key = api.CreateSnapshot(s, Soon());
  REQUIRE(key.ok());
  CHECK(key.value() == 9);
  CHECK(body.find(R"("machine":17)") != std::string::npos);
}

TEST_CASE("5xx is retried retry_attempts times and the error says so", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::atomic<int> calls{0};
  server.http().Get("/api/v4/vms/3", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    res.status = 503;
    res.set_content(R"({"err":"cluster busy"})", "application/json");
  });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto r = api.FindVm("3", Soon());
  REQUIRE_FALSE(r.ok());
  CHECK(calls == 3);
  CHECK(r.status().message().find("cluster busy") != std::string::npos);
  CHECK(r.status().message().find("gave up after 3 of 3 attempts") != std::string::npos);
  CHECK(r.status().message().find("pa55") == std::string::npos);
}

TEST_CASE("4xx fails at once with VergeIO's message", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::atomic<int> calls{0};
  server.http().Post("/api/v4/machine_snapshots",
                     [&](const httplib::Request&, httplib::Response& res) {
                       ++calls;
                       res.status = 400;
                       res.set_content(R"({"err":"no such machine 3"})", "application/json");
                     });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto r = api.CreateSnapshot(VergeioSnapshot{}, Soon());
  REQUIRE_FALSE(r.ok());
  CHECK(calls == 1);
  CHECK(r.status().message() ==
        "VergeIO refused POST /v4/machine_snapshots (HTTP 400): no such machine 3");
}

}  // namespace vers::client
