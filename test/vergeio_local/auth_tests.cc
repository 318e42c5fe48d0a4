// Authentication (Basic and tokens), /_admin, faults and persistence.
#include "api_fixture.h"
#include "vergeio_local/credentials.h"

using namespace vergeio_test;

namespace {

std::string Login(ApiFixture& f) {
  httplib::Client anon("127.0.0.1", f.port);
  auto r = anon.Post("/api/sys/tokens",
                     R"({"login":"admin","password":")" + f.credentials->password() + "\"}",
                     "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 201);
  // Shaped as in verge-io/docs api-guide.md.
  std::string token = StringOf(r->body, "$key");
  CHECK(StringOf(r->body, "location") == "/sys/tokens/" + token);
  CHECK(StringOf(r->body, "dbpath") == "tokens/" + token);
  return token;
}

}  // namespace

TEST_CASE("every /api and /_admin route needs Basic auth or a token", "[auth]") {
  ApiFixture f;
  httplib::Client anon("127.0.0.1", f.port);
  auto r = anon.Get("/api/v4/vms");
  REQUIRE(r);
  CHECK(r->status == 401);
  // VergeOS's words for a failed login (verge-io/ansible-collection-vergeos
  // docs/DEFECTS-D1-D6.md, D5: "Login required").
  CHECK(r->body == R"({"err":"Login required"})");
  CHECK(anon.Get("/_admin/counters")->status == 401);
  CHECK(anon.Post("/api/v4/vms", R"({"name":"x"})", "application/json")->status == 401);
  anon.set_basic_auth("admin", "wrong");
  CHECK(anon.Get("/api/v4/vms")->status == 401);
  anon.set_basic_auth("root", f.credentials->password().c_str());
  CHECK(anon.Get("/api/v4/vms")->status == 401);
  httplib::Client bad_token("127.0.0.1", f.port);
  bad_token.set_default_headers({{"x-yottabyte-token", std::string(40, 'a')}});
  CHECK(bad_token.Get("/api/v4/vms")->status == 401);
  CHECK(f.Get("/api/v4/vms")->status == 200);
}

TEST_CASE("tokens: login, use, count, release", "[auth]") {
  ApiFixture f;
  std::string token = Login(f);
  CHECK(token.size() == 40);
  CHECK(token.find_first_not_of("0123456789abcdef") == std::string::npos);
  httplib::Client with_token("127.0.0.1", f.port);
  with_token.set_default_headers({{"x-yottabyte-token", token}});
  CHECK(with_token.Get("/api/v4/vms")->status == 200);
  CHECK(IntOf(f.Get("/_admin/counters")->body, "tokens") == 1);

  httplib::Client anon("127.0.0.1", f.port);
  auto wrong =
      anon.Post("/api/sys/tokens", R"({"login":"admin","password":"nope"})", "application/json");
  CHECK(wrong->status == 401);
  CHECK(anon.Post("/api/sys/tokens", R"({"login":"admin"})", "application/json")->status == 400);

  auto released = with_token.Delete(("/api/sys/tokens/" + token).c_str());
  REQUIRE(released);
  CHECK(released->status == 200);
  CHECK(with_token.Get("/api/v4/vms")->status == 401);
  CHECK(IntOf(f.Get("/_admin/counters")->body, "tokens") == 0);
  CHECK(f.Delete("/api/sys/tokens/" + token)->status == 404);
}

TEST_CASE("counters count rows and tokens", "[admin]") {
  ApiFixture f;
  f.Create("vms", R"({"name":"a"})");
  f.Create("machine_snapshots", R"({"machine":100,"name":"s"})");
  Login(f);
  CHECK(
      f.Get("/_admin/counters")->body ==
      R"({"machine_snapshots":1,"tag_categories":0,"tag_members":0,"tags":0,"tokens":1,"vms":2})");
}

TEST_CASE("faults answer with an err and Retry-After, never on /_admin", "[faults]") {
  ApiFixture f;
  auto set = f.Post("/_admin/faults", R"({"error_rate":1,"status":503,"retry_after":7})");
  REQUIRE(set);
  CHECK(set->status == 200);
  CHECK(IntOf(f.Get("/_admin/faults")->body, "retry_after") == 7);
  auto get = f.Get("/api/v4/vms");
  REQUIRE(get);
  CHECK(get->status == 503);
  CHECK(get->get_header_value("Retry-After") == "7");
  CHECK(get->body == R"({"err":"injected fault"})");
  // A request with a body is faulted after the body is read; the connection
  // stays usable for the next request.
  auto post = f.Post("/api/v4/vms", R"({"name":"a"})");
  CHECK(post->status == 503);
  CHECK(f.Get("/_admin/counters")->status == 200);
  CHECK(f.Post("/_admin/faults", R"({"error_rate":2})")->status == 400);
  CHECK(f.Post("/_admin/faults", "{}")->status == 200);
  CHECK(f.Get("/_admin/counters")->body.find(R"("vms":0)") != std::string::npos);
  CHECK(f.Create("vms", R"({"name":"a"})") == 1);
}

TEST_CASE("lost responses: the work is done, the answer never arrives", "[faults]") {
  ApiFixture f;
  REQUIRE(f.Post("/_admin/faults", R"({"lose_response_rate":1})")->status == 200);
  auto r = f.Post("/api/v4/vms", R"({"name":"a"})");
  CHECK(ApiFixture::StatusOf(r) != 201);
  CHECK(f.Get("/api/v4/vms?fields=$key,name")->body == R"([{"$key":1,"name":"a"}])");
  REQUIRE(f.Post("/_admin/faults", R"({"drop_rate":1})")->status == 200);
  CHECK(ApiFixture::StatusOf(f.Get("/api/v4/vms")) != 200);
}

TEST_CASE("tables, keys, password and tokens survive a restart", "[persistence]") {
  ApiFixture f;
  std::string password = f.credentials->password();
  std::string token = Login(f);
  f.Create("vms", R"({"name":"web"})");
  f.Create("tag_categories", R"({"name":"env","taggable_vms":true})");
  f.Post("/api/v4/vm_actions", R"({"vm":1,"action":"poweroff"})");
  f.Restart();
  CHECK(f.credentials->password() == password);
  CHECK(f.Get("/api/v4/vms?fields=$key,name,machine")->body ==
        R"([{"$key":1,"name":"web","machine":100}])");
  CHECK_FALSE(BoolOf(f.Get("/api/v4/machine_status/100?fields=running")->body, "running"));
  CHECK(f.Create("vms", R"({"name":"db"})") == 2);
  CHECK(IntOf(f.Get("/api/v4/vms/2?fields=machine")->body, "machine") == 101);
  CHECK(f.Create("tag_categories", R"({"name":"tier"})") == 2);
  CHECK(IntOf(f.Get("/_admin/counters")->body, "tokens") == 1);
  httplib::Client with_token("127.0.0.1", f.port);
  with_token.set_default_headers({{"x-yottabyte-token", token}});
  CHECK(with_token.Get("/api/v4/vms")->status == 200);
}
