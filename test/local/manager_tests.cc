#include <catch2/catch.hpp>
#include <cstdlib>

#include "fake_runtime.h"
#include "local/fs.h"
#include "local/manager.h"

using namespace vers::local;
using vers::local::testing::FakeRuntime;

namespace {

VmManager::Options Opts() { return VmManager::Options{}; }

struct Fixture {
  Fixture() {
    char tmpl[] = "/tmp/vers-local-mgr-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    Reopen();
  }
  ~Fixture() { CHECK(RemoveTree(dir).ok()); }
  // A new manager over the persisted state, as after a server restart.
  void Reopen() {
    manager.reset();
    Store store(dir);
    auto state = store.Load();
    REQUIRE(state.ok());
    manager = std::make_unique<VmManager>(store, state.value(), rt, Opts());
  }
  std::string NewVm() {
    auto r = manager->NewRoot(VmConfig{}, true);
    REQUIRE(r.ok());
    return r.value();
  }
  std::string dir;
  FakeRuntime rt;
  std::unique_ptr<VmManager> manager;
};

}  // namespace

TEST_CASE("a new VM boots to running", "[manager]") {
  Fixture f;
  VmConfig cfg;
  cfg.vcpu_count = 2;
  cfg.labels = {{"a", "b"}};
  auto id = f.manager->NewRoot(cfg, false);
  REQUIRE(id.ok());
  auto vm = f.manager->Get(id.value());
  REQUIRE(vm.ok());
  CHECK(vm.value().state == "running");
  CHECK(vm.value().vcpu_count == 2);
  CHECK(vm.value().labels.at("a") == "b");
  CHECK(f.manager->List().size() == 1);
  CHECK(f.manager->Get("nope").error().status == 404);
}

TEST_CASE("bad VM configs are rejected", "[manager]") {
  Fixture f;
  VmConfig cfg;
  cfg.mem_size_mib = 0;
  CHECK(f.manager->NewRoot(cfg, false).error().status == 400);
  f.rt.fail_start = true;
  CHECK(f.manager->NewRoot(VmConfig{}, false).error().status == 500);
  CHECK(f.manager->List().empty());
}

TEST_CASE("commit freezes, snapshots and resumes", "[manager]") {
  Fixture f;
  std::string vm = f.NewVm();
  CommitParams p;
  p.name = "first";
  auto c = f.manager->Commit(vm, p);
  REQUIRE(c.ok());
  CHECK(f.rt.frozen_during_snapshot);
  CHECK(f.rt.frozen.empty());
  CHECK(f.rt.snapshots.at(c.value()) == vm);
  CHECK(f.manager->Get(vm).value().state == "running");
  CHECK(f.manager->GetCommit(c.value()).value().name == "first");

  p.keep_paused = true;
  p.name.reset();
  auto c2 = f.manager->Commit(vm, p);
  REQUIRE(c2.ok());
  CHECK(f.manager->Get(vm).value().state == "paused");
  CHECK(f.rt.frozen.count(vm) == 1);
}

TEST_CASE("restores and branches stack layers newest first", "[manager]") {
  Fixture f;
  std::string root = f.NewVm();
  std::string c1 = f.manager->Commit(root, {}).value();
  auto a = f.manager->FromCommit(c1, false, true);
  REQUIRE(a.ok());
  CHECK(f.rt.running.at(a.value()) == std::vector<std::string>{c1});
  std::string c2 = f.manager->Commit(a.value(), {}).value();
  auto kids = f.manager->Branch(c2, 3, false, true);
  REQUIRE(kids.ok());
  REQUIRE(kids.value().size() == 3);
  for (const auto& k : kids.value()) CHECK(f.rt.running.at(k) == std::vector<std::string>{c2, c1});
  // Branching a VM makes an implicit commit of it.
  auto from_vm = f.manager->Branch(root, 1, false, true);
  REQUIRE(from_vm.ok());
  CHECK(f.manager->Commits().size() == 3);
  // count is 0-255 in the spec (a u8 in the real API): 0 makes nothing,
  // more than vers-local makes at once is a resource limit (403).
  auto none = f.manager->Branch(root, 0, false, false);
  REQUIRE(none.ok());
  CHECK(none.value().empty());
  CHECK(f.manager->Commits().size() == 3);
  CHECK(f.manager->Branch(root, 65, false, false).error().status == 403);
  CHECK(f.manager->Branch(root, -1, false, false).error().status == 400);
  CHECK(f.manager->Branch("missing", 1, false, false).error().status == 404);
  auto chain = f.manager->CommitChain(c2);
  REQUIRE(chain.ok());
  REQUIRE(chain.value().size() == 2);
  CHECK(chain.value()[1].id == c1);
}

TEST_CASE("deletes are refused while something depends on the target", "[manager]") {
  Fixture f;
  std::string root = f.NewVm();
  std::string c = f.manager->Commit(root, {}).value();
  std::string child = f.manager->FromCommit(c, false, true).value();
  CHECK(f.manager->Delete(root).error().status == 409);
  CHECK(f.manager->DeleteCommit(c).error().status == 409);
  REQUIRE(f.manager->CreateTag("t1", c, std::nullopt).ok());
  REQUIRE(f.manager->Delete(child).ok());
  CHECK(f.manager->DeleteCommit(c).error().status == 409);  // still tagged
  REQUIRE(f.manager->DeleteTag("t1").ok());
  REQUIRE(f.manager->DeleteCommit(c).ok());
  REQUIRE(f.manager->Delete(root).ok());
  CHECK(f.manager->Counters().at("vms") == 0);
  CHECK(f.manager->Counters().at("commits") == 0);
  CHECK(f.rt.running.empty());
}

TEST_CASE("pause and resume", "[manager]") {
  Fixture f;
  std::string vm = f.NewVm();
  REQUIRE(f.manager->SetState(vm, "Paused").ok());
  CHECK(f.manager->Get(vm).value().state == "paused");
  REQUIRE(f.manager->SetState(vm, "Paused").ok());  // idempotent
  REQUIRE(f.manager->SetState(vm, "Running").ok());
  CHECK(f.manager->Get(vm).value().state == "running");
  CHECK(f.manager->SetState(vm, "paused").error().status == 400);
  f.rt.running.clear();  // the sandbox died
  CHECK(f.manager->Get(vm).value().state == "dead");
  CHECK(f.manager->SetState(vm, "Running").error().status == 400);
}

TEST_CASE("tags, disk and labels", "[manager]") {
  Fixture f;
  std::string vm = f.NewVm();
  std::string c1 = f.manager->Commit(vm, {}).value();
  std::string c2 = f.manager->Commit(vm, {}).value();
  CHECK(f.manager->CreateTag("bad name", c1, std::nullopt).error().status == 400);
  CHECK(f.manager->CreateTag("t", "missing", std::nullopt).error().status == 404);
  REQUIRE(f.manager->CreateTag("t", c1, std::string("d")).ok());
  CHECK(f.manager->CreateTag("t", c1, std::nullopt).error().status == 409);
  TagPatch patch;
  patch.commit_id = c2;
  patch.set_description = true;
  REQUIRE(f.manager->UpdateTag("t", patch).ok());
  auto t = f.manager->GetTag("t");
  CHECK(t.value().commit_id == c2);
  CHECK_FALSE(t.value().description.has_value());
  auto by_tag = f.manager->FromCommit("t", true, true);
  REQUIRE(by_tag.ok());
  CHECK(f.manager->Get(by_tag.value()).value().parent_commit_id == c2);

  CHECK(f.manager->ResizeDisk(vm, 10).error().status == 400);
  REQUIRE(f.manager->ResizeDisk(vm, 2048).ok());
  REQUIRE(f.manager->SetLabels(vm, {{"k", "v"}}).ok());
  CHECK(f.manager->Get(vm).value().labels.at("k") == "v");
  CHECK(f.manager->PrivateKey(vm).value().find("OPENSSH") != std::string::npos);
}

// fs_size_mib is enforced (issue 11): growing it must reach the runtime,
// which raises the VM's disk limit in place; a failed growth is an error and
// leaves the recorded size as it was. The size also goes to the sandbox.
TEST_CASE("growing a disk grows the VM's disk in the runtime", "[manager]") {
  Fixture f;
  auto vm = f.manager->NewRoot(VmConfig{{}, {}, 64, {}}, true);
  REQUIRE(vm.ok());
  REQUIRE(f.manager->ResizeDisk(vm.value(), 256).ok());
  CHECK(f.rt.disk_mib.at(vm.value()) == 256);
  CHECK(f.manager->Get(vm.value()).value().fs_size_mib == 256);
  f.rt.fail_grow = true;
  CHECK(f.manager->ResizeDisk(vm.value(), 512).error().status == 500);
  CHECK(f.manager->Get(vm.value()).value().fs_size_mib == 256);
  CHECK(f.rt.started_disk_mib.at(vm.value()) == 64);
  // Past what vers-local can grow in place: 403, a resource limit (the spec
  // lists 403 for new_root and PATCH disk), never a 500.
  f.rt.fail_grow = false;
  CHECK(f.manager->ResizeDisk(vm.value(), 64 * 1024 + 1).error().status == 403);
  CHECK(f.manager->NewRoot(VmConfig{{}, {}, 64 * 1024 + 1, {}}, true).error().status == 403);
  CHECK(f.manager->ResizeDisk(vm.value(), 64 * 1024).ok());
}

TEST_CASE("state persists and VMs restart after a restart", "[manager]") {
  Fixture f;
  std::string a = f.NewVm();
  std::string b = f.NewVm();
  std::string c = f.manager->Commit(a, {}).value();
  REQUIRE(f.manager->SetState(b, "Paused").ok());
  f.manager->Shutdown();
  CHECK(f.rt.running.empty());
  f.Reopen();
  f.manager->RestoreAll();
  CHECK(f.rt.running.size() == 2);
  CHECK(f.manager->Get(a).value().state == "running");
  CHECK(f.manager->Get(b).value().state == "paused");
  CHECK(f.rt.frozen.count(b) == 1);
  CHECK(f.manager->GetCommit(c).ok());
}

TEST_CASE("slow_boot_ms keeps new VMs booting", "[manager]") {
  Fixture f;
  Store store(f.dir);
  VmManager::Options o = Opts();
  o.slow_boot_ms = [] { return int64_t{60000}; };
  VmManager m(store, store.Load().value(), f.rt, o);
  auto id = m.NewRoot(VmConfig{}, false);
  REQUIRE(id.ok());
  CHECK(m.Get(id.value()).value().state == "booting");
}

// --max-vms: creations past the limit are refused as the real API refuses a
// resource limit (403), and a deleted VM makes room again.
TEST_CASE("the VM limit refuses creations past it", "[manager]") {
  Fixture f;
  Store store(f.dir);
  VmManager::Options o = Opts();
  o.max_vms = 2;
  VmManager m(store, store.Load().value(), f.rt, o);
  auto a = m.NewRoot(VmConfig{}, true);
  REQUIRE(a.ok());
  CHECK(m.Branch(a.value(), 2, false, false).error().status == 403);
  auto b = m.Branch(a.value(), 1, false, false);
  REQUIRE(b.ok());
  auto full = m.NewRoot(VmConfig{}, false);
  REQUIRE(!full.ok());
  CHECK(full.error().status == 403);
  CHECK(full.error().message ==
        "VM limit reached: vers-local runs at most 2 VMs (--max-vms) and has 2, 1 more requested");
  REQUIRE(m.Delete(b.value()[0]).ok());
  CHECK(m.NewRoot(VmConfig{}, false).ok());
}
