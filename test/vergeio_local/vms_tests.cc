// The vms table over HTTP: defaults, keys, validation, queries, updates,
// machine_status and vm_actions.
#include <atomic>

#include "api_fixture.h"

using namespace vergeio_test;

TEST_CASE("a new VM gets defaults, a machine with a different key, and runs", "[vms]") {
  ApiFixture f;
  int64_t vm = f.Create("vms", R"({"name":"web","ram":2048})");
  CHECK(vm == 1);
  auto r = f.Get("/api/v4/vms/1?fields=most");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(StringOf(r->body, "name") == "web");
  CHECK(IntOf(r->body, "ram") == 2048);
  CHECK(IntOf(r->body, "cpu_cores") == 1);
  CHECK(StringOf(r->body, "cpu_type") == "qemu64");
  CHECK(StringOf(r->body, "description") == "");
  CHECK(StringOf(r->body, "advanced") == "");
  CHECK(IntOf(r->body, "created") > 1600000000);
  CHECK_FALSE(BoolOf(r->body, "is_snapshot"));
  CHECK_FALSE(BoolOf(r->body, "need_restart"));
  int64_t machine = IntOf(r->body, "machine");
  CHECK(machine == 100);
  CHECK(f.Create("vms", R"({"name":"db"})") == 2);
  CHECK(IntOf(f.Get("/api/v4/vms/2?fields=machine")->body, "machine") == 101);

  // machine_status as verge-io/docs api-vm-power-management.md shows it:
  // no need_restart (that is on vms).
  auto status = f.Get("/api/v4/machine_status/100?fields=all");
  REQUIRE(status);
  CHECK(status->body == R"({"$key":100,"machine":100,"running":true,"status":"running"})");
  CHECK(f.Get("/api/v4/machine_status/1")->status == 404);
}

TEST_CASE("VM bodies are checked: required, unique, known, typed, writable", "[vms]") {
  ApiFixture f;
  f.Create("vms", R"({"name":"web"})");
  auto check = [&](const std::string& body, int status, const std::string& err) {
    auto r = f.Post("/api/v4/vms", body);
    REQUIRE(r);
    INFO(body << " -> " << r->body);
    CHECK(r->status == status);
    CHECK(StringOf(r->body, "err") == err);
  };
  check(R"({"name":"web"})", 409, "a VM named 'web' already exists");
  check(R"({"ram":1})", 422, "field 'vms.name' is required");
  check(R"({"name":""})", 422, "field name must not be empty");
  check(R"({"name":"x","colour":"red"})", 422, "unknown field colour");
  check(R"({"name":"x","ram":"big"})", 422, "field ram must be an integer");
  check(R"({"name":"x","ram":1.5})", 422, "field ram must be an integer");
  check(R"({"name":7})", 422, "field name must be a string");
  check(R"({"name":null})", 422, "field name must be a string");
  check(R"({"name":"x","machine":5})", 422, "field machine is read-only");
  check(R"({"name":"x","$key":5})", 422, "field $key is read-only");
  check(R"({"name":"x","is_snapshot":true})", 422, "field is_snapshot is read-only");
  check(R"({"name":"x","cpu_cores":0})", 422, "cpu_cores must be at least 1");
  check(R"(["name"])", 422, "the body must be a JSON object");
  check(R"({"name":)", 400, "invalid JSON body");
  CHECK(f.Get("/api/v4/vms")->body.find("\"x\"") == std::string::npos);
}

TEST_CASE("lists honour fields, filter and limit", "[vms][query]") {
  ApiFixture f;
  f.Create("vms", R"({"name":"a","cpu_cores":2})");
  f.Create("vms", R"({"name":"b","cpu_cores":2})");
  f.Create("vms", R"({"name":"it's","cpu_cores":4})");
  auto all = f.Get("/api/v4/vms?fields=$key,name");
  REQUIRE(all);
  CHECK(all->body == R"([{"$key":1,"name":"a"},{"$key":2,"name":"b"},{"$key":3,"name":"it's"}])");
  auto two = f.Get("/api/v4/vms?fields=$key,name&filter=cpu_cores%20eq%202&limit=1");
  CHECK(two->body == R"([{"$key":1,"name":"a"}])");
  CHECK(f.Get("/api/v4/vms?fields=name&limit=0")->body ==
        R"([{"name":"a"},{"name":"b"},{"name":"it's"}])");  // 0: unlimited
  auto quoted = f.Get("/api/v4/vms?fields=$key,machine&filter=name%20eq%20'it%5C's'");
  CHECK(quoted->body == R"([{"$key":3,"machine":102}])");
  auto none = f.Get("/api/v4/vms?filter=name%20eq%20'zzz'");
  CHECK(none->status == 200);
  CHECK(none->body == "[]");
  auto row = f.Get("/api/v4/vms/2?fields=ram,cpu_cores");
  CHECK(row->body == R"({"ram":1024,"cpu_cores":2})");
  CHECK(f.Get("/api/v4/vms?filter=name%20eq%203")->status == 422);
  CHECK(f.Get("/api/v4/vms?limit=lots")->status == 422);
  CHECK(f.Get("/api/v4/vms?filter=x%20eq%201")->body == "[]");
}

TEST_CASE("missing rows and tables are 404 with an err", "[vms]") {
  ApiFixture f;
  auto check404 = [](const httplib::Result& r) {
    REQUIRE(r);
    CHECK(r->status == 404);
    CHECK(StringOf(r->body, "err") != "<absent>");
  };
  check404(f.Get("/api/v4/vms/9"));
  check404(f.Get("/api/v4/vms/abc"));
  check404(f.Get("/api/v4/nope"));
  check404(f.Delete("/api/v4/vms/9"));
  check404(f.Put("/api/v4/vms/9", "{}"));
  check404(f.Get("/api/v3/vms"));
  CHECK(f.Post("/api/v4/machine_status", "{}")->status == 405);
}

TEST_CASE("PUT changes fields and flags a needed restart on a running VM", "[vms]") {
  ApiFixture f;
  f.Create("vms", R"({"name":"web"})");
  f.Create("vms", R"({"name":"db"})");
  auto r = f.Put("/api/v4/vms/1", R"({"description":"front end","advanced":"a=1\nb=2"})");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  auto web = f.Get("/api/v4/vms/1?fields=name,description,advanced,need_restart")->body;
  CHECK(StringOf(web, "description") == "front end");
  CHECK(StringOf(web, "advanced") == "a=1\nb=2");
  CHECK(StringOf(web, "name") == "web");
  auto need_restart = [&f](int vm) {
    return BoolOf(f.Get("/api/v4/vms/" + std::to_string(vm) + "?fields=need_restart")->body,
                  "need_restart");
  };
  CHECK_FALSE(need_restart(1));
  CHECK(f.Put("/api/v4/vms/1", R"({"ram":1024})")->status == 200);  // unchanged value
  CHECK_FALSE(need_restart(1));
  CHECK(f.Put("/api/v4/vms/1", R"({"name":"db"})")->status == 409);
  CHECK(f.Put("/api/v4/vms/1", R"({"machine":7})")->status == 422);

  CHECK(f.Put("/api/v4/vms/1", R"({"cpu_type":"host"})")->status == 200);
  CHECK(need_restart(1));
  CHECK(f.Post("/api/v4/vm_actions", R"({"vm":1,"action":"reset"})")->status == 201);
  CHECK_FALSE(need_restart(1));

  // A stopped VM takes changes without needing a restart.
  CHECK(f.Post("/api/v4/vm_actions", R"({"vm":2,"action":"poweroff"})")->status == 201);
  CHECK(f.Put("/api/v4/vms/2", R"({"cpu_cores":4})")->status == 200);
  CHECK_FALSE(need_restart(2));
  auto stopped = f.Get("/api/v4/machine_status/101?fields=most")->body;
  CHECK(stopped == R"({"$key":101,"machine":101,"running":false,"status":"stopped"})");
}

TEST_CASE("vm_actions power machines off and on", "[vms]") {
  ApiFixture f;
  f.Create("vms", R"({"name":"web"})");
  f.Put("/api/v4/vms/1", R"({"cpu_cores":2})");
  auto off = f.Post("/api/v4/vm_actions", R"({"vm":1,"action":"poweroff"})");
  REQUIRE(off);
  CHECK(off->status == 201);
  CHECK(StringOf(off->body, "location").rfind("/v4/vm_actions/", 0) == 0);
  auto status = f.Get("/api/v4/machine_status?filter=running%20eq%20false");
  CHECK(status->body.find(R"("$key":100)") != std::string::npos);
  CHECK(BoolOf(f.Get("/api/v4/vms/1?fields=need_restart")->body, "need_restart"));
  CHECK(f.Post("/api/v4/vm_actions", R"({"vm":1,"action":"poweron"})")->status == 201);
  CHECK(BoolOf(f.Get("/api/v4/machine_status/100?fields=running")->body, "running"));
  CHECK_FALSE(BoolOf(f.Get("/api/v4/vms/1?fields=need_restart")->body, "need_restart"));
  CHECK(f.Post("/api/v4/vm_actions", R"({"vm":100,"action":"poweron"})")->status == 422);
  CHECK(f.Post("/api/v4/vm_actions", R"({"vm":1,"action":"explode"})")->status == 422);
  auto no_action = f.Post("/api/v4/vm_actions", R"({"vm":1})");
  CHECK(no_action->status == 422);
  CHECK(StringOf(no_action->body, "err") == "field 'vm_actions.action' is required");
  CHECK(f.Post("/api/v4/vm_actions", R"({"vm":1,"action":"reset","x":1})")->status == 422);
}

TEST_CASE("concurrent creates get distinct keys and all persist", "[vms][concurrency]") {
  ApiFixture f;
  constexpr int kThreads = 4, kEach = 10;
  std::vector<std::thread> threads;
  std::atomic<int> created = 0;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&f, &created, t] {
      httplib::Client c("127.0.0.1", f.port);
      c.set_basic_auth("admin", f.credentials->password().c_str());
      for (int i = 0; i < kEach; ++i) {
        std::string body = R"({"name":"vm-)" + std::to_string(t) + "-" + std::to_string(i) + "\"}";
        auto r = c.Post("/api/v4/vms", body, "application/json");
        if (r && r->status == 201) ++created;
      }
    });
  }
  for (auto& t : threads) t.join();
  CHECK(created == kThreads * kEach);
  f.Restart();
  auto list = f.Get("/api/v4/vms?fields=$key,machine&filter=$key%20eq%2040");
  REQUIRE(list);
  CHECK(list->body == R"([{"$key":40,"machine":139}])");
  CHECK(IntOf(f.Get("/_admin/counters")->body, "vms") == kThreads * kEach);
}
