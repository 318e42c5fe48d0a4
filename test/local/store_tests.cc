#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "base/uuid.h"
#include "local/fs.h"
#include "local/ids.h"
#include "local/store.h"

using namespace vers::local;

namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/vers-local-test-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

State Sample() {
  State s;
  s.owner_id = vers::base::NewRandomUuid();
  VmRecord vm;
  vm.id = vers::base::NewRandomUuid();
  vm.created_at = NowRfc3339();
  vm.state = "paused";
  vm.labels = {{"env", "dev"}, {"quote", "a\"b\\c\n"}};
  vm.vcpu_count = 2;
  vm.mem_size_mib = 1024;
  vm.fs_size_mib = 4096;
  vm.parent_commit_id = vers::base::NewRandomUuid();
  vm.layers = {*vm.parent_commit_id, vers::base::NewRandomUuid()};
  s.vms[vm.id] = vm;
  CommitRecord c;
  c.id = *vm.parent_commit_id;
  c.name = "base";
  c.description = "ünïcode";
  c.created_at = NowRfc3339();
  c.is_public = true;
  c.parent_vm_id = vers::base::NewRandomUuid();
  c.layers = {c.id};
  s.commits[c.id] = c;
  TagRecord t{
      vers::base::NewRandomUuid(), "golden", c.id, std::nullopt, c.created_at, c.created_at};
  s.tags[t.name] = t;
  return s;
}

}  // namespace

TEST_CASE("state survives a JSON round trip", "[store]") {
  State s = Sample();
  auto back = StateFromJson(StateToJson(s));
  REQUIRE(back.ok());
  const State& b = back.value();
  CHECK(b.owner_id == s.owner_id);
  REQUIRE(b.vms.size() == 1);
  const VmRecord& v = b.vms.begin()->second;
  const VmRecord& o = s.vms.begin()->second;
  CHECK(v.id == o.id);
  CHECK(v.state == "paused");
  CHECK(v.labels == o.labels);
  CHECK(v.vcpu_count == 2);
  CHECK(v.mem_size_mib == 1024);
  CHECK(v.fs_size_mib == 4096);
  CHECK(v.parent_commit_id == o.parent_commit_id);
  CHECK_FALSE(v.grandparent_vm_id.has_value());
  CHECK(v.layers == o.layers);
  REQUIRE(b.commits.size() == 1);
  const CommitRecord& c = b.commits.begin()->second;
  CHECK(c.name == "base");
  CHECK(c.description == std::optional<std::string>("ünïcode"));
  CHECK(c.is_public);
  CHECK(c.layers.size() == 1);
  REQUIRE(b.tags.count("golden") == 1);
  CHECK_FALSE(b.tags.at("golden").description.has_value());
}

TEST_CASE("malformed state files are rejected", "[store]") {
  CHECK_FALSE(StateFromJson("not json").ok());
  CHECK_FALSE(StateFromJson("[]").ok());
  CHECK_FALSE(StateFromJson("{}").ok());  // no owner
  CHECK_FALSE(StateFromJson(R"({"owner_id":"x","vms":[{"state":"running"}]})").ok());
}

TEST_CASE("Store saves atomically and loads back", "[store]") {
  std::string dir = TempDir();
  Store store(dir);
  auto fresh = store.Load();
  REQUIRE(fresh.ok());
  CHECK(vers::base::IsUuid(fresh.value().owner_id));
  CHECK(fresh.value().vms.empty());

  State s = Sample();
  REQUIRE(store.Save(s).ok());
  struct stat st;
  REQUIRE(::stat(store.path().c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  auto names = ListDir(dir);
  REQUIRE(names.ok());
  CHECK(names.value().size() == 1);  // no temp files left behind

  auto loaded = store.Load();
  REQUIRE(loaded.ok());
  CHECK(StateToJson(loaded.value()) == StateToJson(s));
  CHECK(RemoveTree(dir).ok());
}

TEST_CASE("the API key is created once and kept private", "[store]") {
  std::string dir = TempDir();
  auto k1 = EnsureApiKey(dir);
  auto k2 = EnsureApiKey(dir);
  REQUIRE(k1.ok());
  REQUIRE(k2.ok());
  CHECK(k1.value() == k2.value());
  CHECK(k1.value().size() > 32);
  struct stat st;
  REQUIRE(::stat((dir + "/api_key").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(RemoveTree(dir).ok());
}

TEST_CASE("WriteFileAtomic replaces content and ids look right", "[store]") {
  std::string dir = TempDir();
  REQUIRE(WriteFileAtomic(dir + "/f", "one").ok());
  REQUIRE(WriteFileAtomic(dir + "/f", "two").ok());
  CHECK(ReadFile(dir + "/f").value() == "two");
  CHECK_FALSE(WriteFileAtomic(dir + "/missing/f", "x").ok());
  CHECK(vers::base::IsUuid(vers::base::NewRandomUuid()));
  CHECK(vers::base::NewRandomUuid() != vers::base::NewRandomUuid());
  CHECK_FALSE(vers::base::IsUuid("not-a-uuid"));
  CHECK(NowRfc3339().size() == 24);
  CHECK(RemoveTree(dir).ok());
}
