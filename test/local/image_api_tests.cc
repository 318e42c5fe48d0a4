// Base image routes of vers-local. Source: the Vers spec
// (shared/vers-api/orchestrator.openapi.json, tag "images": list_images,
// create_image, upload_image, get_image_status, delete_image and their
// schemas; VmCreateVmConfig.image_name / kernel_name). No public client calls
// these routes (hdresearch/vers-cli and hdresearch/vers-sdk-ts have none;
// vers_user_skills' api-cheatsheet.md notes that image_name "currently must
// be 'default'"), so what the spec leaves open is vers-local's documented
// choice (api_images.cc, manager_images.cc): parameters in the query, the
// archive as the raw body, statuses pending/ready/failed.
#include "api_fixture.h"

using vers::local::testing::ApiFixture;

namespace {

const char* kTar = "application/x-tar";

}  // namespace

TEST_CASE("images: an uploaded archive is ready, listed, boots VMs, and is kept while used",
          "[api][images]") {
  ApiFixture f;
  std::string body;
  REQUIRE(f.Send("POST", "/api/v1/images/upload?image_name=tools&size_mib=512", "archive bytes",
                 &body, kTar) == 201);
  CHECK(f.Field(body, "image_name") == "tools");
  CHECK(f.Field(body, "status") == "ready");
  CHECK(!f.Field(body, "job_id").empty());
  auto status = f.Get("/api/v1/images/tools/status");
  CHECK(f.Field(status, "status") == "ready");
  CHECK(status.find(R"("size_mib":512)") != std::string::npos);
  CHECK(status.find(R"("error_message":null)") != std::string::npos);
  auto list = f.Get("/api/v1/images");
  CHECK(list.find(R"("image_name":"tools")") != std::string::npos);
  CHECK(list.find(R"("source_type":"upload")") != std::string::npos);
  CHECK(list.find(R"("total":1)") != std::string::npos);
  auto at = list.find(R"("base_image_id":")");
  REQUIRE(at != std::string::npos);
  std::string id = list.substr(at + 17, 36);
  // The archive became the image's layer; a VM of the image runs on it.
  CHECK(f.rt.snapshots.count(id) == 1);
  std::string vm = f.NewVm(R"({"image_name":"tools","kernel_name":"default.bin"})");
  CHECK(f.rt.running[vm] == std::vector<std::string>{id});
  CHECK(f.rt.running[f.NewVm(R"({"image_name":"default"})")].empty());
  // Its commit holds the image's layer too: the spec's 409 "in use".
  std::string commit;
  REQUIRE(f.Send("POST", "/api/v1/vm/" + vm + "/commit", "{}", &commit) == 201);
  CHECK(f.Send("DELETE", "/api/v1/images/images/" + id, "") == 409);
  REQUIRE(f.Send("DELETE", "/api/v1/vm/" + vm, "") == 200);
  CHECK(f.Send("DELETE", "/api/v1/images/images/" + id, "") == 409);
  REQUIRE(f.Send("DELETE", "/api/v1/commits/" + f.Field(commit, "commit_id"), "") == 204);
  REQUIRE(f.Send("DELETE", "/api/v1/images/images/" + id, "", &body) == 200);
  CHECK(f.Field(body, "base_image_id") == id);
  CHECK(body.find(R"("deleted":true)") != std::string::npos);
  CHECK(f.rt.snapshots.count(id) == 0);
  f.Get("/api/v1/images/tools/status", 404);
  CHECK(f.Send("DELETE", "/api/v1/images/images/" + id, "") == 404);
}

TEST_CASE("images: a refused archive or a pull is failed with its reason, never ready",
          "[api][images]") {
  ApiFixture f;
  f.rt.fail_import = true;
  std::string body;
  REQUIRE(f.Send("POST", "/api/v1/images/upload?image_name=broken", "junk", &body, kTar) == 201);
  CHECK(f.Field(body, "status") == "failed");
  auto status = f.Get("/api/v1/images/broken/status");
  CHECK(f.Field(status, "error_message") == "not a tar archive");
  CHECK(status.find(R"("size_mib":512)") != std::string::npos);  // the default
  f.NewVm(R"({"image_name":"broken"})", 400);
  // create_image: vers-local pulls nothing (docker or s3).
  REQUIRE(f.Send("POST", "/api/v1/images/create",
                 R"({"image_name":"py","source":{"type":"docker","image_ref":"python:3"}})",
                 &body) == 201);
  status = f.Get("/api/v1/images/py/status");
  CHECK(f.Field(status, "status") == "failed");
  CHECK(f.Field(status, "error_message").find("cannot pull docker images") != std::string::npos);
  CHECK(f.Get("/api/v1/images").find(R"("source_type":"docker")") != std::string::npos);
}

TEST_CASE("images: bad requests are refused with what is accepted", "[api][images]") {
  ApiFixture f;
  std::string body;
  CHECK(f.Send("POST", "/api/v1/images/upload", "x", &body, kTar) == 400);
  CHECK(body.find("image_name is required") != std::string::npos);
  CHECK(f.Send("POST", "/api/v1/images/upload?image_name=a&size_mib=100", "x", &body, kTar) == 400);
  CHECK(body.find("512") != std::string::npos);
  CHECK(f.Send("POST", "/api/v1/images/upload?image_name=a", "", &body, kTar) == 400);
  CHECK(f.Send("POST", "/api/v1/images/upload?image_name=a%2Fb", "x", &body, kTar) == 400);
  CHECK(f.Send("POST", "/api/v1/images/upload?image_name=default", "x", &body, kTar) == 409);
  REQUIRE(f.Send("POST", "/api/v1/images/upload?image_name=a", "x", &body, kTar) == 201);
  CHECK(f.Send("POST", "/api/v1/images/upload?image_name=a", "x", &body, kTar) == 409);
  CHECK(f.Send("POST", "/api/v1/images/create",
               R"({"image_name":"a","source":{"type":"docker","image_ref":"x"}})") == 409);
  CHECK(f.Send("POST", "/api/v1/images/create", R"({"image_name":"b"})") == 400);
  CHECK(f.Send("POST", "/api/v1/images/create",
               R"({"image_name":"b","source":{"type":"s3","bucket":"k"}})") == 400);
  CHECK(f.Send("POST", "/api/v1/images/create", R"({"image_name":"b","source":{"type":"ftp"}})") ==
        400);
  f.NewVm(R"({"image_name":"nope"})", 400);
  f.NewVm(R"({"kernel_name":"other.bin"})", 400);
  f.Get("/api/v1/images?limit=x", 400);
}

TEST_CASE("images: the list pages by limit and offset", "[api][images]") {
  ApiFixture f;
  for (const char* n : {"one", "two", "three"})
    REQUIRE(f.Send("POST", std::string("/api/v1/images/upload?image_name=") + n, "x", nullptr,
                   kTar) == 201);
  auto page = f.Get("/api/v1/images?limit=1&offset=1");
  CHECK(page.find(R"("total":3)") != std::string::npos);
  CHECK(page.find(R"("limit":1)") != std::string::npos);
  CHECK(page.find(R"("offset":1)") != std::string::npos);
  CHECK(page.find(R"("image_name")") == page.rfind(R"("image_name")"));  // one image
  CHECK(f.Get("/api/v1/images?limit=500").find(R"("limit":100)") != std::string::npos);
}
