// VergeioClient against a real HTTPS server answering as the public sources
// show VergeIO answering: Basic auth, VM lookup by key and by name (snapshot
// rows skipped), snapshots by machine key, retries of 5xx only (with the count
// in the error), and 4xx failing at once with VergeIO's message.
#include "client/vergeio_client.h"

#include <atomic>
#include <catch2/catch.hpp>
#include <mutex>
#include <string>
#include <vector>

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

// The fields of the vms row of GET /v4/vms/42?fields=most in verge-io/docs
// api-vm-power-management.md that the client names, with "advanced" (a vms
// field: verge-io/packer-plugin-vergeio client/vm_api.go reads it).
const char* kVm = R"({"$key":42,"name":"test","machine":54,"description":"test vm",)"
                  R"("cpu_cores":3,"ram":16384,"cpu_type":"host","advanced":"",)"
                  R"("is_snapshot":false,"need_restart":false})";

void Json(httplib::Response& res, const std::string& body, int status = 200) {
  res.status = status;
  res.set_content(body, "application/json");
}

}  // namespace

TEST_CASE("VMs are found by key or by name, with Basic auth and named fields",
          "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::string auth, filter, fields_by_key, fields_by_name;
  server.http().Get("/api/v4/vms/42", [&](const httplib::Request& req, httplib::Response& res) {
    auth = req.get_header_value("Authorization");
    fields_by_key = req.get_param_value("fields");
    Json(res, kVm);
  });
  server.http().Get("/api/v4/vms", [&](const httplib::Request& req, httplib::Response& res) {
    filter = req.get_param_value("filter");
    fields_by_name = req.get_param_value("fields");
    Json(res, std::string("[") + kVm + "]");
  });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto by_key = api.FindVm("42", Soon());
  REQUIRE(by_key.ok());
  CHECK(by_key.value().machine == 54);
  CHECK(by_key.value().cpu_type == "host");
  CHECK(auth == "Basic YWRtaW46cGE1NS1zZWNyZXQ=");  // admin:pa55-secret
  // Every GET names its fields, as the official clients do.
  CHECK(fields_by_key ==
        "$key,name,machine,description,cpu_cores,ram,cpu_type,advanced,is_snapshot,need_restart");
  auto by_name = api.FindVm("it's test", Soon());
  REQUIRE(by_name.ok());
  CHECK(by_name.value().key == 42);
  CHECK(fields_by_name == fields_by_key);
  // Snapshots are vms rows named like their VM: skipped as pyVergeOS vms.py
  // and PSVergeOS Get-VergeVM.ps1 do. The quote takes a backslash.
  CHECK(filter == R"(name eq 'it\'s test' and is_snapshot eq false)");
}

// verge-io/docs api-vm-power-management.md: need_restart is a field of the
// vms row (its machine_status examples have none).
TEST_CASE("need_restart is read from the vms row", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::string row = kVm;
  row.replace(row.find(R"("need_restart":false)"), 20, R"("need_restart":true)");
  server.http().Get("/api/v4/vms/42",
                    [&](const httplib::Request&, httplib::Response& res) { Json(res, row); });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto vm = api.GetVm(42, Soon());
  REQUIRE(vm.ok());
  CHECK(vm.value().need_restart);
}

TEST_CASE("a key that names a snapshot's vms row is refused", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::string row = kVm;
  row.replace(row.find(R"("is_snapshot":false)"), 19, R"("is_snapshot":true)");
  server.http().Get("/api/v4/vms/42",
                    [&](const httplib::Request&, httplib::Response& res) { Json(res, row); });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto vm = api.GetVm(42, Soon());
  REQUIRE_FALSE(vm.ok());
  CHECK(vm.status().message() == "VergeIO VM 42 (\"test\") is a snapshot, not a VM");
}

TEST_CASE("answers that are not JSON, cut short or lacking a field are errors",
          "[client][vergeio]") {
  testing::TestHttpsServer server;
  server.http().Get("/api/v4/vms", [&](const httplib::Request&, httplib::Response& res) {
    Json(res, R"([{"$key":42,"name":"test","machine":54)");  // cut short
  });
  server.http().Get("/api/v4/vms/42", [&](const httplib::Request&, httplib::Response& res) {
    Json(res, "<html>502 Bad Gateway</html>");
  });
  server.http().Get("/api/v4/machine_snapshots/9",
                    [&](const httplib::Request&, httplib::Response& res) { Json(res, "{}"); });
  server.http().Get("/api/v4/machine_snapshots/10",
                    [&](const httplib::Request&, httplib::Response& res) {
                      Json(res, R"({"err":"Permission denied"})");
                    });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto cut = api.FindVm("test", Soon());
  REQUIRE_FALSE(cut.ok());
  CHECK_FALSE(cut.status().is_not_found());  // not "no VM named"
  CHECK(cut.status().message().find("is not JSON (or was cut short)") != std::string::npos);
  auto html = api.GetVm(42, Soon());
  REQUIRE_FALSE(html.ok());
  CHECK(html.status().message().find("<html>502 Bad Gateway</html>") != std::string::npos);
  auto empty = api.GetSnapshot(9, Soon());  // not created = 1970, machine = 0
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.status().message() ==
        "VergeIO's answer to GET /v4/machine_snapshots/9 lacks \"$key\"");
  auto err = api.GetSnapshot(10, Soon());
  REQUIRE_FALSE(err.ok());
  CHECK(err.status().message().find("Permission denied") != std::string::npos);
}

// pyVergeOS snapshots.py create() and PSVergeOS New-VergeVMSnapshot.ps1 send
// machine, name, created_manually and quiesce, and expires only when the
// snapshot expires; the 201 answer has a string "$key" (verge-io/docs
// api-guide.md).
TEST_CASE("snapshots are posted for the machine key, the key read as a string",
          "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::vector<std::string> bodies;
  std::string lookup;
  server.http().Get("/api/v4/machine_snapshots",
                    [&](const httplib::Request& req, httplib::Response& res) {
                      lookup = req.get_param_value("filter");
                      Json(res, "[]");
                    });
  server.http().Post(
      "/api/v4/machine_snapshots", [&](const httplib::Request& req, httplib::Response& res) {
        bodies.push_back(req.body);
        Json(res,
             R"({"location":"/v4/machine_snapshots/9","dbpath":"machine_snapshots/9",)"
             R"("$row":9,"$key":"9"})",
             201);
      });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  VergeioSnapshotRequest s;
  s.machine = 54;
  s.name = "o'brien{1}";
  auto key = api.CreateSnapshot(s, Soon());
  REQUIRE(key.ok());
  CHECK(key.value() == 9);
  CHECK(bodies.back() ==
        R"({"machine":54,"name":"o'brien{1}","created_manually":true,"quiesce":false})");
  CHECK(lookup == R"(machine eq 54 and name eq 'o\'brien\{1}')");
  s.expires = 1798761600;
  s.quiesce = true;
  s.description = "d";
  REQUIRE(api.CreateSnapshot(s, Soon()).ok());
  CHECK(bodies.back() == R"({"machine":54,"name":"o'brien{1}","created_manually":true,)"
                         R"("quiesce":true,"expires":1798761600,"description":"d"})");
}

// The read-back field is `quiesced` (pyVergeOS SNAPSHOT_DEFAULT_FIELDS,
// PSVergeOS Get-VergeVMSnapshot.ps1); `quiesce` is only the POST input.
TEST_CASE("a snapshot reads back quiesced", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::string fields;
  server.http().Get("/api/v4/machine_snapshots/9",
                    [&](const httplib::Request& req, httplib::Response& res) {
                      fields = req.get_param_value("fields");
                      Json(res, R"({"$key":9,"machine":54,"name":"n","description":"",)"
                                R"("expires":0,"created":1755993338,"quiesced":true})");
                    });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto s = api.GetSnapshot(9, Soon());
  REQUIRE(s.ok());
  CHECK(s.value().quiesced);
  CHECK(s.value().created == 1755993338);
  CHECK(fields == "$key,machine,name,description,expires,created,quiesced");
}

// VergeIO has no idempotency keys: a POST whose answer is lost must not be
// sent again before the row is looked for.
TEST_CASE("a create whose answer was lost is found, not made twice", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::mutex mu;
  std::vector<int> rows;  // keys of the tags "made"
  int posts = 0;
  bool fail_before_work = false;
  server.http().Get("/api/v4/tags", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    CHECK(req.get_param_value("filter") == R"(category eq 3 and name eq 'build\'s=1')");
    std::string body = "[";
    for (int k : rows)
      body += std::string(body.size() > 1 ? "," : "") + R"({"$key":)" + std::to_string(k) + "}";
    Json(res, body + "]");
  });
  server.http().Post("/api/v4/tags", [&](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mu);
    ++posts;
    if (fail_before_work) {
      fail_before_work = false;
      return Json(res, R"({"err":"busy"})", 503);
    }
    rows.push_back(7);
    Json(res, R"({"err":"the proxy lost the answer"})", 502);  // done, answer lost
  });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto key = api.CreateTag(3, "build's=1", Soon());
  REQUIRE(key.ok());
  CHECK(key.value() == 7);
  CHECK(posts == 1);

  // A failure before the work: nothing found, so it is posted again.
  {
    std::lock_guard<std::mutex> lock(mu);
    rows = {5};  // an older row with the same name does not count as ours
    posts = 0;
    fail_before_work = true;
  }
  auto again = api.CreateTag(3, "build's=1", Soon());
  REQUIRE(again.ok());
  CHECK(again.value() == 7);
  CHECK(posts == 2);
}

TEST_CASE("5xx is retried retry_attempts times and the error says so", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::atomic<int> calls{0};
  server.http().Get("/api/v4/vms/3", [&](const httplib::Request&, httplib::Response& res) {
    ++calls;
    Json(res, R"({"err":"cluster busy"})", 503);
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

// Measured (verge-io/ansible-collection-vergeos
// docs/repro/measured-action-probe.json): 422 {"err": "field
// 'vm_actions.vm' is required"}.
TEST_CASE("4xx fails at once with VergeIO's message", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::atomic<int> calls{0};
  server.http().Get("/api/v4/machine_snapshots",
                    [&](const httplib::Request&, httplib::Response& res) { Json(res, "[]"); });
  server.http().Post("/api/v4/machine_snapshots",
                     [&](const httplib::Request&, httplib::Response& res) {
                       ++calls;
                       Json(res, R"({"err":"field 'machine_snapshots.machine' is required"})", 422);
                     });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  auto r = api.CreateSnapshot(VergeioSnapshotRequest{}, Soon());
  REQUIRE_FALSE(r.ok());
  CHECK(calls == 1);
  CHECK(r.status().message() ==
        "VergeIO refused POST /v4/machine_snapshots (HTTP 422): field "
        "'machine_snapshots.machine' is required");
}

// verge-io/PSVergeOS Private/Invoke-VergeAPI.ps1 reads the error from `err`
// (a string), `error`, `message`, or `message` beside `err: true`; verge-io/
// docs api-vm-power-management.md shows {"error": "..."}.
TEST_CASE("every error body shape reaches the diagnostic", "[client][vergeio]") {
  const std::vector<std::pair<std::string, std::string>> shapes = {
      {R"({"err":"Login required"})", "Login required"},
      {R"({"err":true,"message":"VM is locked"})", "VM is locked"},
      {R"({"error":"Cannot power on VM: already in running state"})",
       "Cannot power on VM: already in running state"},
      {R"({"message":"Not permitted"})", "Not permitted"},
  };
  for (const auto& [body, words] : shapes) {
    testing::TestHttpsServer server;
    server.http().Get(
        "/api/v4/vms/3",
        [&body = body](const httplib::Request&, httplib::Response& res) { Json(res, body, 401); });
    server.Start();
    VergeioClient api(Options(server), nullptr);
    auto r = api.GetVm(3, Soon());
    REQUIRE_FALSE(r.ok());
    INFO(body);
    CHECK(r.status().code() == Status::Code::kUnauthorized);
    CHECK(r.status().message() == "VergeIO refused GET /v4/vms/3 (HTTP 401): " + words +
                                      ". Check the VergeIO username and password.");
  }
}

// Measured (docs/DEFECTS-D1-D6.md of verge-io/ansible-collection-vergeos):
// PUT answers 200 [] and drops what it does not take; a read-back tells.
TEST_CASE("a PUT is read back and what did not take is named", "[client][vergeio]") {
  testing::TestHttpsServer server;
  std::string put;
  server.http().Put("/api/v4/vms/42", [&](const httplib::Request& req, httplib::Response& res) {
    put = req.body;
    Json(res, "[]");
  });
  server.http().Get("/api/v4/vms/42", [&](const httplib::Request&, httplib::Response& res) {
    std::string row = kVm;  // cpu_cores took, advanced did not
    row.replace(row.find(R"("cpu_cores":3)"), 13, R"("cpu_cores":4)");
    Json(res, row);
  });
  server.Start();
  VergeioClient api(Options(server), nullptr);
  VergeioVmPatch patch;
  patch.cpu_cores = 4;
  patch.advanced = "machine_type=q35";
  auto after = api.UpdateVm(42, patch, Soon());
  REQUIRE(after.ok());
  CHECK(put == R"({"cpu_cores":4,"advanced":"machine_type=q35"})");
  auto missed = Unapplied(patch, after.value());
  REQUIRE(missed.size() == 1);
  CHECK(missed[0].field == "advanced");
  CHECK(missed[0].wanted == "\"machine_type=q35\"");
  CHECK(missed[0].found == "\"\"");
}

}  // namespace vers::client
