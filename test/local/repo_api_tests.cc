// Repository routes of vers-local, as the real API behaves. Sources: the
// orchestrator's repository route tests (route_repository_crud,
// route_create_duplicate_repository, route_repo_tag_crud,
// route_create_tag_nonexistent_repo, route_set_visibility,
// route_public_repositories, route_public_repo_visibility_revocation,
// route_fork_nonexistent_source, route_fork_private_repo_fails; in the
// public code index), its restore_from_commit handler (a ref split at the
// first ':', both sides non-empty, else 400), and hdresearch/vers-cli
// cmd/repo.go ("delete … also deletes all tags … The commits themselves are
// NOT deleted"; fork "Creates a new VM, commits it, and creates a repository
// with a tag pointing to the commit").
#include "api_fixture.h"

using namespace vers::local;

namespace {

// The shared route fixture, with the calls these tests make most.
struct RepoFixture : testing::ApiFixture {
  int Post(const std::string& path, const std::string& body, std::string* out = nullptr) {
    return Send("POST", path, body, out);
  }
  int Patch(const std::string& path, const std::string& body) { return Send("PATCH", path, body); }
  std::string NewCommit() {
    std::string body;
    REQUIRE(Post("/api/v1/vm/new_root", R"({"vm_config":{"vcpu_count":1}})", &body) == 201);
    REQUIRE(Post("/api/v1/vm/" + Field(body, "vm_id") + "/commit", "{}", &body) == 201);
    return Field(body, "commit_id");
  }
};

}  // namespace

TEST_CASE("repositories: create, conflict, get, list, delete with their tags", "[api][repos]") {
  RepoFixture f;
  std::string body;
  REQUIRE(f.Post("/api/v1/repositories", R"({"name":"my-app","description":"My application"})",
                 &body) == 201);
  CHECK(f.Field(body, "name") == "my-app");
  CHECK(f.Post("/api/v1/repositories", R"({"name":"my-app"})") == 409);
  CHECK(f.Post("/api/v1/repositories", R"({"name":"no spaces"})") == 400);
  CHECK(f.Post("/api/v1/repositories", R"({})") == 400);
  auto got = f.Get("/api/v1/repositories/my-app");
  CHECK(f.Field(got, "description") == "My application");
  CHECK(got.find(R"("is_public":false)") != std::string::npos);
  CHECK(f.Get("/api/v1/repositories").find(R"("name":"my-app")") != std::string::npos);
  std::string cid = f.NewCommit();
  REQUIRE(f.Post("/api/v1/repositories/my-app/tags",
                 R"({"tag_name":"v1.0","commit_id":")" + cid + "\"}", &body) == 201);
  CHECK(f.Field(body, "reference") == "my-app:v1.0");
  // A tagged commit is in use; deleting the repository deletes the tag only.
  CHECK(f.client->Delete(("/api/v1/commits/" + cid).c_str())->status == 409);
  CHECK(f.client->Delete("/api/v1/repositories/my-app")->status == 204);
  f.Get("/api/v1/repositories/my-app", 404);
  f.Get("/api/v1/repositories/my-app/tags/v1.0", 404);
  CHECK(f.client->Delete(("/api/v1/commits/" + cid).c_str())->status == 204);
}

TEST_CASE("repository tags: create, move in place, clear description, delete", "[api][repos]") {
  RepoFixture f;
  std::string a = f.NewCommit(), b = f.NewCommit();
  const std::string tag = R"({"tag_name":"latest","commit_id":")" + a + R"(","description":"d"})";
  CHECK(f.Post("/api/v1/repositories/none/tags", tag) == 404);
  REQUIRE(f.Post("/api/v1/repositories", R"({"name":"img"})") == 201);
  REQUIRE(f.Post("/api/v1/repositories/img/tags", tag) == 201);
  CHECK(f.Post("/api/v1/repositories/img/tags", tag) == 409);
  CHECK(f.Patch("/api/v1/repositories/img/tags/latest", R"({"commit_id":")" + b + "\"}") == 204);
  auto moved = f.Get("/api/v1/repositories/img/tags/latest");
  CHECK(f.Field(moved, "commit_id") == b);
  CHECK(f.Field(moved, "description") == "d");  // absent: kept
  CHECK(f.Patch("/api/v1/repositories/img/tags/latest", R"({"description":null})") == 204);
  CHECK(f.Get("/api/v1/repositories/img/tags/latest").find(R"("description":null)") !=
        std::string::npos);
  CHECK(f.Patch("/api/v1/repositories/img/tags/latest", "{}") == 400);  // no updates provided
  auto list = f.Get("/api/v1/repositories/img/tags");
  CHECK(f.Field(list, "repository") == "img");
  CHECK(f.client->Delete("/api/v1/repositories/img/tags/latest")->status == 204);
  f.Get("/api/v1/repositories/img/tags/latest", 404);
}

TEST_CASE("public repositories: visible without a key only while public", "[api][repos]") {
  RepoFixture f;
  std::string cid = f.NewCommit();
  REQUIRE(f.Post("/api/v1/repositories", R"({"name":"pub"})") == 201);
  REQUIRE(f.Post("/api/v1/repositories", R"({"name":"priv"})") == 201);
  REQUIRE(f.Post("/api/v1/repositories/pub/tags",
                 R"({"tag_name":"v1","commit_id":")" + cid + "\"}") == 201);
  CHECK(f.Patch("/api/v1/repositories/pub/visibility", R"({"is_public":true})") == 204);
  CHECK(f.Patch("/api/v1/repositories/pub/visibility", R"({})") == 400);
  httplib::Client anon("127.0.0.1", f.port);
  auto list = anon.Get("/api/v1/public/repositories");
  REQUIRE(list->status == 200);
  CHECK(list->body.find(R"("full_name":"vers-local/pub")") != std::string::npos);
  CHECK(list->body.find("priv") == std::string::npos);
  CHECK(anon.Get("/api/v1/public/repositories/vers-local/pub/tags/v1")->status == 200);
  CHECK(anon.Get("/api/v1/public/repositories/vers-local/pub/tags/v2")->status == 404);
  CHECK(anon.Get("/api/v1/public/repositories/vers-local/priv")->status == 404);
  CHECK(anon.Get("/api/v1/public/repositories/other-org/pub")->status == 404);
  CHECK(anon.Get("/api/v1/repositories/pub")->status == 401);  // the private view needs the key
  CHECK(f.Patch("/api/v1/repositories/pub/visibility", R"({"is_public":false})") == 204);
  CHECK(anon.Get("/api/v1/public/repositories/vers-local/pub")->status == 404);
  f.Get("/api/v1/repositories/pub");  // the owner still sees it
}

TEST_CASE("fork: a VM, its commit, and a new repository tagged on it", "[api][repos]") {
  RepoFixture f;
  std::string cid = f.NewCommit();
  const std::string fork = R"({"source_org":"vers-local","source_repo":"base","source_tag":"v1")";
  CHECK(f.Post("/api/v1/repositories/fork", fork + "}") == 404);  // no such source
  REQUIRE(f.Post("/api/v1/repositories", R"({"name":"base"})") == 201);
  REQUIRE(f.Post("/api/v1/repositories/base/tags",
                 R"({"tag_name":"v1","commit_id":")" + cid + "\"}") == 201);
  CHECK(f.Post("/api/v1/repositories/fork", fork + "}") == 404);  // private source
  REQUIRE(f.Patch("/api/v1/repositories/base/visibility", R"({"is_public":true})") == 204);
  CHECK(f.Post("/api/v1/repositories/fork", fork + "}") == 409);  // "base" is taken here
  std::string body;
  REQUIRE(f.Post("/api/v1/repositories/fork", fork + R"(,"repo_name":"mine","tag_name":"t"})",
                 &body) == 201);
  CHECK(f.Field(body, "reference") == "mine:t");
  const std::string vm = f.Field(body, "vm_id"), commit = f.Field(body, "commit_id");
  CHECK(commit != cid);
  CHECK(f.Get("/api/v1/vm/" + vm + "/metadata").find(cid) != std::string::npos);
  CHECK(f.Field(f.Get("/api/v1/repositories/mine/tags/t"), "commit_id") == commit);
  CHECK(f.Get("/api/v1/repositories/mine").find(R"("is_public":false)") != std::string::npos);
}

TEST_CASE("restore and branch by repository reference", "[api][repos]") {
  RepoFixture f;
  std::string cid = f.NewCommit();
  REQUIRE(f.Post("/api/v1/repositories", R"({"name":"app"})") == 201);
  REQUIRE(f.Post("/api/v1/repositories/app/tags",
                 R"({"tag_name":"v1","commit_id":")" + cid + "\"}") == 201);
  std::string body;
  REQUIRE(f.Post("/api/v1/vm/from_commit", R"({"ref":"app:v1"})", &body) == 201);
  CHECK(f.Get("/api/v1/vm/" + f.Field(body, "vm_id") + "/metadata").find(cid) != std::string::npos);
  CHECK(f.Post("/api/v1/vm/from_commit", R"({"ref":"app:v2"})") == 404);
  CHECK(f.Post("/api/v1/vm/from_commit", R"({"ref":":v1"})") == 400);
  REQUIRE(f.Post("/api/v1/vm/branch/by_ref/app/v1?count=2", "", &body) == 201);
  CHECK(body.find("vm_id") != std::string::npos);
  CHECK(f.Post("/api/v1/vm/branch/by_ref/app/v2", "", &body) == 404);
  CHECK(body.find(R"("vms":[])") != std::string::npos);  // NewVmsResponse error body
}
