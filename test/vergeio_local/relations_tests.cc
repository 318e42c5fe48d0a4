// Snapshots, tag categories, tags and tag members over HTTP: references,
// uniqueness, and what deletes take with them.
#include "api_fixture.h"

using namespace vergeio_test;

namespace {

std::string ErrOf(const httplib::Result& r) {
  REQUIRE(r);
  return StringOf(r->body, "err");
}

}  // namespace

TEST_CASE("snapshots take a machine key, not a VM key", "[snapshots]") {
  ApiFixture f;
  f.Create("vms", R"({"name":"web"})");  // VM 1, machine 100
  auto by_vm = f.Post("/api/v4/machine_snapshots", R"({"machine":1,"name":"s"})");
  REQUIRE(by_vm);
  CHECK(by_vm->status == 422);
  CHECK(ErrOf(by_vm) == "no such machine 1");
  int64_t snap = f.Create("machine_snapshots", R"({"machine":100,"name":"s","expires":0})");
  auto r = f.Get("/api/v4/machine_snapshots/" + std::to_string(snap) + "?fields=most");
  CHECK(IntOf(r->body, "machine") == 100);
  CHECK(BoolOf(r->body, "quiesced") == false);
  CHECK(IntOf(r->body, "expires") == 0);
  CHECK(IntOf(r->body, "created") > 0);
  CHECK(ErrOf(f.Post("/api/v4/machine_snapshots", R"({"name":"s"})")) ==
        "field 'machine_snapshots.machine' is required");
  CHECK(ErrOf(f.Post("/api/v4/machine_snapshots", R"({"machine":100})")) ==
        "field 'machine_snapshots.name' is required");
  CHECK(ErrOf(f.Post("/api/v4/machine_snapshots", R"({"machine":100,"name":"s","quiesce":1})")) ==
        "field quiesce must be a boolean");
  CHECK(f.Put("/api/v4/machine_snapshots/1", R"({"machine":1})")->status == 422);
  CHECK(f.Put("/api/v4/machine_snapshots/1", R"({"description":"d"})")->status == 200);
}

TEST_CASE("tag categories, tags and members", "[tags]") {
  ApiFixture f;
  int64_t vm = f.Create("vms", R"({"name":"web"})");
  int64_t plain = f.Create("tag_categories", R"({"name":"plain"})");
  int64_t cat = f.Create("tag_categories", R"({"name":"env","taggable_vms":true})");
  CHECK(f.Post("/api/v4/tag_categories", R"({"name":"env"})")->status == 409);
  auto c = f.Get("/api/v4/tag_categories/" + std::to_string(cat) + "?fields=most")->body;
  CHECK(BoolOf(c, "taggable_vms"));
  CHECK_FALSE(BoolOf(c, "single_tag_selection"));

  int64_t prod = f.Create("tags", R"({"name":"prod","category":)" + std::to_string(cat) + "}");
  f.Create("tags", R"({"name":"prod","category":)" + std::to_string(plain) + "}");
  CHECK(
      f.Post("/api/v4/tags", R"({"name":"prod","category":)" + std::to_string(cat) + "}")->status ==
      409);
  CHECK(ErrOf(f.Post("/api/v4/tags", R"({"name":"x","category":99})")) ==
        "no such tag category 99");
  CHECK(ErrOf(f.Post("/api/v4/tags", R"({"name":"x"})")) == "field 'tags.category' is required");
  int64_t plain_tag = f.Create("tags", R"({"name":"p","category":)" + std::to_string(plain) + "}");

  std::string member = "vms/" + std::to_string(vm);
  std::string body = R"({"tag":)" + std::to_string(prod) + R"(,"member":")" + member + "\"}";
  int64_t m = f.Create("tag_members", body);
  CHECK(f.Post("/api/v4/tag_members", body)->status == 409);
  CHECK(ErrOf(f.Post("/api/v4/tag_members", R"({"tag":99,"member":"vms/1"})")) == "no such tag 99");
  auto tagged = [&](const std::string& tag, const std::string& who) {
    return f.Post("/api/v4/tag_members", R"({"tag":)" + tag + R"(,"member":")" + who + "\"}");
  };
  CHECK(ErrOf(tagged(std::to_string(prod), "vms/42")) == "no such vm 42");
  CHECK(tagged(std::to_string(prod), "machines/100")->status == 422);
  CHECK(tagged(std::to_string(prod), "vms/")->status == 422);
  CHECK(tagged(std::to_string(prod), "vms/1x")->status == 422);
  auto untaggable = tagged(std::to_string(plain_tag), member);
  CHECK(untaggable->status == 422);
  CHECK(ErrOf(untaggable).find("taggable_vms") != std::string::npos);
  auto listed = f.Get("/api/v4/tag_members?fields=all&filter=member%20eq%20'" + member + "'");
  CHECK(listed->body == "[{\"$key\":" + std::to_string(m) + ",\"tag\":" + std::to_string(prod) +
                            ",\"member\":\"" + member + "\"}]");

  // A category with tags cannot go; a tag takes its members with it.
  auto busy = f.Delete("/api/v4/tag_categories/" + std::to_string(cat));
  CHECK(busy->status == 409);
  CHECK(f.Delete("/api/v4/tags/" + std::to_string(prod))->status == 200);
  CHECK(f.Get("/api/v4/tag_members")->body == "[]");
  CHECK(f.Get("/api/v4/tags?fields=$key&filter=name%20eq%20'prod'")->body ==
        "[{\"$key\":" + std::to_string(prod + 1) + "}]");
  auto gone = f.Delete("/api/v4/tag_categories/" + std::to_string(cat));
  REQUIRE(gone);
  CHECK(gone->status == 200);
  CHECK(gone->body == "{}");
}

TEST_CASE("deleting a VM takes its machine, snapshots and tag members", "[vms][tags]") {
  ApiFixture f;
  f.Create("vms", R"({"name":"web"})");
  f.Create("vms", R"({"name":"db"})");
  f.Create("machine_snapshots", R"({"machine":100,"name":"a"})");
  f.Create("machine_snapshots", R"({"machine":101,"name":"b"})");
  f.Create("tag_categories", R"({"name":"env","taggable_vms":true})");
  f.Create("tags", R"({"name":"prod","category":1})");
  f.Create("tag_members", R"({"tag":1,"member":"vms/1"})");
  f.Create("tag_members", R"({"tag":1,"member":"vms/2"})");
  auto r = f.Delete("/api/v4/vms/1");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->body == "{}");
  CHECK(f.Get("/api/v4/vms/1")->status == 404);
  CHECK(f.Get("/api/v4/machine_status/100")->status == 404);
  CHECK(f.Get("/api/v4/machine_snapshots?fields=$key,machine")->body ==
        R"([{"$key":2,"machine":101}])");
  // The snapshot VM of VM 1's snapshot (VM 3) went with it; db's (VM 4) stays.
  CHECK(
      f.Get("/api/v4/vms?fields=$key,name,is_snapshot")->body ==
      R"([{"$key":2,"name":"db","is_snapshot":false},{"$key":4,"name":"db","is_snapshot":true}])");
  CHECK(f.Get("/api/v4/tag_members?fields=$key,member")->body ==
        R"([{"$key":2,"member":"vms/2"}])");
  CHECK(f.Delete("/api/v4/vms/1")->status == 404);
  // Keys are never reused.
  CHECK(f.Create("vms", R"({"name":"web"})") == 5);
  CHECK(IntOf(f.Get("/api/v4/vms/5?fields=machine")->body, "machine") == 104);
}
