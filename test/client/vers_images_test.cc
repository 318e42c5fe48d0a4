// VersClient's base image calls and image_name/kernel_name in new_root, on
// the wire. Source: the Vers spec (orchestrator.openapi.json: create_image's
// CreateBaseImageRequest with ImageSourceRequest, upload_image's image_name
// and size_mib parameters, get_image_status, list_images' limit/offset
// "max: 100", delete_image's /images/images/{base_image_id};
// VmCreateVmConfig.image_name/kernel_name). Where the spec is open (the
// upload's encoding) the test pins the provider's documented choice.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <mutex>

#include "client/vers_bodies.h"
#include "client/vers_client.h"
#include "test/client/client_options.h"
#include "test/client/test_server.h"

namespace vers::client {
namespace {

HttpOptions Options(const testing::TestHttpsServer& s) { return testing::TestServerOptions(s, 2); }

using testing::Soon;

struct Seen {
  std::mutex mu;
  std::string target, body, content_type;
};

}  // namespace

TEST_CASE("new_root sends image_name and kernel_name only when set", "[client][images]") {
  VmConfig c;
  auto plain = NewRootBody(c, "");
  REQUIRE(plain.ok());
  CHECK(plain.value().find("image_name") == std::string::npos);
  c.image_name = "tools";
  c.kernel_name = "default.bin";
  auto body = NewRootBody(c, "");
  REQUIRE(body.ok());
  CHECK(body.value().find(R"("image_name":"tools")") != std::string::npos);
  CHECK(body.value().find(R"("kernel_name":"default.bin")") != std::string::npos);
}

TEST_CASE("an upload streams the archive as the raw body, parameters in the query",
          "[client][images]") {
  testing::TestHttpsServer server;
  Seen seen;
  server.http().Post(
      "/api/v1/images/upload", [&](const httplib::Request& req, httplib::Response& res) {
        std::lock_guard<std::mutex> l(seen.mu);
        seen.target = req.target;
        seen.body = req.body;
        seen.content_type = req.get_header_value("Content-Type");
        res.status = 201;
        res.set_content(R"({"job_id":"j","image_name":"my tools","status":"pending"})",
                        "application/json");
      });
  server.Start();
  char tmpl[] = "/tmp/vers-images-test-XXXXXX";
  int fd = ::mkstemp(tmpl);
  REQUIRE(fd >= 0);
  ::close(fd);
  std::string archive = tmpl;
  std::string content(300000, 'x');
  content[0] = '\0';  // binary: not cut at a NUL
  std::ofstream(archive, std::ios::binary) << content;
  VersClient client(Options(server), nullptr);
  auto status = client.UploadImage("my tools", 1024, archive, Soon());
  std::remove(archive.c_str());
  REQUIRE(status.ok());
  CHECK(status.value() == "pending");
  CHECK(seen.target == "/api/v1/images/upload?image_name=my%20tools&size_mib=1024");
  CHECK(seen.content_type == "application/octet-stream");
  CHECK(seen.body == content);
  auto missing = client.UploadImage("x", std::nullopt, "/nonexistent/archive.tar", Soon());
  REQUIRE(!missing.ok());
  CHECK(missing.status().message().find("cannot read /nonexistent/archive.tar") !=
        std::string::npos);
}

TEST_CASE("create, status, list by pages and delete use the spec's shapes", "[client][images]") {
  testing::TestHttpsServer server;
  Seen seen;
  std::vector<std::string> lists;
  server.http().Post("/api/v1/images/create", [&](const httplib::Request& req,
                                                  httplib::Response& res) {
    seen.body = req.body;
    res.status = 201;
    res.set_content(R"({"job_id":"j","image_name":"py","status":"pending"})", "application/json");
  });
  server.http().Get("/api/v1/images/py/status", [](const httplib::Request&,
                                                   httplib::Response& res) {
    res.set_content(R"({"image_name":"py","status":"failed","size_mib":0,"error_message":"no"})",
                    "application/json");
  });
  server.http().Get("/api/v1/images", [&](const httplib::Request& req, httplib::Response& res) {
    lists.push_back(req.target);
    std::string offset = req.get_param_value("offset");
    std::string images;
    for (int k = 0; k < (offset == "0" ? 100 : 1); ++k) {
      images += std::string(k ? "," : "") + R"({"base_image_id":"id-)" + offset + "-" +
                std::to_string(k) + R"(","image_name":"n)" + offset + "-" + std::to_string(k) +
                R"(","owner_id":"o","is_public":false,"source_type":"upload","size_mib":512,)"
                R"("created_at":"t"})";
    }
    res.set_content(
        R"({"images":[)" + images + R"(],"total":101,"limit":100,"offset":)" + offset + "}",
        "application/json");
  });
  server.http().Delete(
      "/api/v1/images/images/id-100-0", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"deleted":true,"base_image_id":"id-100-0"})", "application/json");
      });
  server.Start();
  VersClient client(Options(server), nullptr);
  ImageSource docker{"docker", "python:3.12", "", ""};
  auto started = client.CreateImage("py", std::string("d"), docker, 0, Soon());
  REQUIRE(started.ok());
  CHECK(seen.body == R"({"image_name":"py","description":"d","size_mib":0,)"
                     R"("source":{"type":"docker","image_ref":"python:3.12"}})");
  auto st = client.GetImageStatus("py", Soon());
  REQUIRE(st.ok());
  CHECK(ImageStatusIsFailed(st.value().status));
  CHECK(st.value().error_message == std::optional<std::string>("no"));
  auto all = client.ListImages(Soon());
  REQUIRE(all.ok());
  CHECK(all.value().size() == 101);
  CHECK(lists == std::vector<std::string>{"/api/v1/images?limit=100&offset=0",
                                          "/api/v1/images?limit=100&offset=100"});
  auto found = client.FindImage("n100-0", Soon());
  REQUIRE(found.ok());
  CHECK(client.DeleteImage(found.value().base_image_id, Soon()).ok());
  CHECK(client.FindImage("absent", Soon()).status().is_not_found());
  CHECK(ImageStatusIsReady("ready"));
  CHECK(!ImageStatusIsReady("pending"));
  CHECK(!ImageStatusIsFailed("pending"));
}

}  // namespace vers::client
