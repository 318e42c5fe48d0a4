// vers_image_layer's cache calls against an HTTPS server answering in the
// spec's shapes (orchestrator.openapi.json: POST /repositories/{repo}/tags
// answers 409 "Tag already exists"; RepoTagInfo; DELETE /commits/{id}
// answers 409 "Commit in use"): a lost publish race adopts the winner and
// deletes its own commit; a refused publish leaves no commit behind; a
// release keeps the tag of a commit the API refuses to delete.
#include "resources/image_layer_publish.h"

#include <catch2/catch.hpp>
#include <mutex>
#include <vector>

#include "resources/framework.h"
#include "test/client/test_server.h"

namespace vers::resources {
namespace {

const std::string kHash(64, 'a');
const std::string kOurs = "11111111-1111-4111-8111-111111111111";
const std::string kWinner = "22222222-2222-4222-8222-222222222222";

// The routes the cache uses, each answering what the test sets.
struct CacheApi {
  testing::TestHttpsServer server;
  std::mutex mu;
  int tag_post_status = 201;
  std::string tag_commit;  // what GET tag answers; empty: 404
  int commit_delete_status = 204;
  std::vector<std::string> calls;  // "METHOD path", in order

  CacheApi() {
    auto& h = server.http();
    auto record = [this](const httplib::Request& req) {
      std::lock_guard<std::mutex> l(mu);
      calls.push_back(req.method + " " + req.path);
    };
    h.Post("/api/v1/repositories/layers/tags",
           [this, record](const httplib::Request& req, httplib::Response& res) {
             record(req);
             res.status = tag_post_status;
             if (res.status == 201) tag_commit = kOurs;  // what this test publishes
             res.set_content(res.status == 409 ? R"({"error":"Tag already exists"})" : "{}",
                             "application/json");
           });
    h.Get("/api/v1/repositories/layers/tags/" + kHash,
          [this, record](const httplib::Request& req, httplib::Response& res) {
            record(req);
            if (tag_commit.empty()) {
              res.status = 404;
              return res.set_content(R"({"error":"Tag not found"})", "application/json");
            }
            res.set_content(
                R"({"tag_id":"t","tag_name":")" + kHash + R"(","reference":"layers:)" + kHash +
                    R"(","commit_id":")" + tag_commit +
                    R"(","created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"})",
                "application/json");
          });
    h.Delete("/api/v1/repositories/layers/tags/" + kHash,
             [this, record](const httplib::Request& req, httplib::Response& res) {
               record(req);
               tag_commit.clear();
               res.status = 204;
             });
    h.Get("/api/v1/repositories", [record](const httplib::Request& req, httplib::Response& res) {
      record(req);
      res.set_content(R"({"repositories":[{"repo_id":"r","name":"layers","is_public":false,)"
                      R"("created_at":"2026-01-01T00:00:00Z"}]})",
                      "application/json");
    });
    h.Get("/api/v1/repositories/layers/tags",
          [this, record](const httplib::Request& req, httplib::Response& res) {
            record(req);
            res.set_content(R"({"repository":"layers","tags":[]})", "application/json");
          });
    h.Delete(R"(/api/v1/commits/([-0-9a-f]+))",
             [this, record](const httplib::Request& req, httplib::Response& res) {
               record(req);
               res.status = commit_delete_status;
               if (res.status == 409)
                 res.set_content(R"({"error":"Commit in use"})", "application/json");
             });
    server.Start();
  }

  client::VersClient Client() {
    client::HttpOptions o;
    o.base_url = server.base_url();
    o.bearer_token = "sk-test";
    o.ca_cert_file = server.ca_file();
    o.base_delay = std::chrono::milliseconds(1);
    o.max_attempts = 2;
    return client::VersClient(o, nullptr);
  }
};

auto Soon() { return std::chrono::steady_clock::now() + std::chrono::seconds(30); }

}  // namespace

TEST_CASE("a layer published first is ours", "[image_layer]") {
  CacheApi api;
  auto c = api.Client();
  Diagnostics diags;
  auto got = PublishLayer(c, {"layers", kHash}, kOurs, Soon(), diags);
  CHECK(got == kOurs);
  CHECK_FALSE(diags.HasError());
  CHECK(std::count(api.calls.begin(), api.calls.end(), "DELETE /api/v1/commits/" + kOurs) == 0);
}

TEST_CASE("a lost publish race adopts the winner's commit and deletes ours", "[image_layer]") {
  CacheApi api;
  api.tag_post_status = 409;  // another apply tagged the same hash first
  api.tag_commit = kWinner;
  auto c = api.Client();
  Diagnostics diags;
  auto got = PublishLayer(c, {"layers", kHash}, kOurs, Soon(), diags);
  CHECK(got == kWinner);
  CHECK_FALSE(diags.HasError());
  CHECK(api.calls.back() == "DELETE /api/v1/commits/" + kOurs);
}

TEST_CASE("a refused publish is an error and leaves no commit of ours", "[image_layer]") {
  CacheApi api;
  api.tag_post_status = 403;
  auto c = api.Client();
  Diagnostics diags;
  CHECK_FALSE(PublishLayer(c, {"layers", kHash}, kOurs, Soon(), diags));
  CHECK(diags.HasError());
  CHECK(api.calls.back() == "DELETE /api/v1/commits/" + kOurs);
}

TEST_CASE("release deletes the tag and the commit; a commit in use keeps its tag",
          "[image_layer]") {
  CacheApi api;
  api.tag_commit = kOurs;
  auto c = api.Client();
  Diagnostics diags;
  ReleaseLayer(c, client::RepoRef{"layers", kHash}, kOurs, Soon(), diags);
  CHECK(diags.items().empty());
  CHECK(api.tag_commit.empty());
  CHECK(api.calls.back() == "DELETE /api/v1/commits/" + kOurs);

  // The API refuses (a layer built on it, a VM): the commit stays, and so
  // does its cache entry, put back.
  api.tag_commit = kOurs;
  api.commit_delete_status = 409;
  Diagnostics kept;
  ReleaseLayer(c, client::RepoRef{"layers", kHash}, kOurs, Soon(), kept);
  CHECK_FALSE(kept.HasError());
  REQUIRE(kept.items().size() == 1);
  CHECK_THAT(kept.items()[0].detail, Catch::Contains("is kept too"));
  CHECK(api.tag_commit == kOurs);
  auto refused = std::find(api.calls.rbegin(), api.calls.rend(), "DELETE /api/v1/commits/" + kOurs);
  auto retagged = std::find(api.calls.rbegin(), api.calls.rend(),
                            std::string("POST /api/v1/repositories/layers/tags"));
  CHECK(retagged < refused);  // put back after the refusal
}

}  // namespace vers::resources
