// VersClient creates against an API without idempotency keys (FakeVers, in
// the spec's shapes): a create whose answer is lost, cut or answered 503 is
// looked for before it is sent again, and never made twice.
#include <catch2/catch.hpp>

#include "base/uuid.h"
#include "client/vers_client.h"
#include "test/client/client_options.h"
#include "test/client/fake_vers.h"

namespace vers::client {
namespace {

using testing::FakeVers;

HttpOptions Options(const FakeVers& api) { return testing::TestServerOptions(api, 3); }

using testing::Soon;

}  // namespace

// VmCommitRequest.commit_id: "chelsea will use the requested commit UUID".
TEST_CASE("a commit whose answer is lost is found by its commit_id", "[client][create]") {
  FakeVers api;
  api.Start();
  VersClient client(Options(api), nullptr);
  api.FailNextPosts("l");
  auto id = client.CommitVm("vm-1", {}, Soon());
  REQUIRE(id.ok());
  CHECK(api.posts == 1);
  REQUIRE(api.commits.size() == 1);
  CHECK(api.commits[0].id == id.value());
}

TEST_CASE("a dropped or 503 commit is sent again under the same commit_id", "[client][create]") {
  FakeVers api;
  api.Start();
  VersClient client(Options(api), nullptr);
  api.FailNextPosts("d5");
  auto id = client.CommitVm("vm-1", {}, Soon());
  REQUIRE(id.ok());
  CHECK(api.posts == 3);
  REQUIRE(api.commits.size() == 1);
  CHECK(api.commits[0].id == id.value());
}

// The orchestrator answers 500 when the commit's row cannot be inserted under
// the requested id (commit_vm: CommitVMError::Db => INTERNAL_SERVER_ERROR),
// and deleting a commit only marks its row deleted (commits repository:
// mark_deleted), so a deleted commit's id stays taken.
TEST_CASE("a commit asked for again with the same intent is the commit already taken",
          "[client][create]") {
  FakeVers api;
  api.Start();
  VersClient client(Options(api), nullptr);
  CommitOptions o;
  o.intent = "image of vm-1";
  auto first = client.CommitVm("vm-1", o, Soon());  // its apply was then killed
  REQUIRE(first.ok());
  CHECK(first.value() == base::DerivedUuid("image of vm-1#0"));
  auto again = client.CommitVm("vm-1", o, Soon());
  REQUIRE(again.ok());
  CHECK(again.value() == first.value());
  CHECK(api.commits.size() == 1);
}

TEST_CASE("a commit skips an id a deleted commit still holds", "[client][create]") {
  FakeVers api;
  api.Start();
  VersClient client(Options(api), nullptr);
  CommitOptions o;
  o.intent = "image of vm-1";
  api.deleted.insert(base::DerivedUuid("image of vm-1#0"));
  auto id = client.CommitVm("vm-1", o, Soon());
  REQUIRE(id.ok());
  CHECK(id.value() == base::DerivedUuid("image of vm-1#1"));
  CHECK(api.commits.size() == 1);
}

TEST_CASE("a commit never adopts another VM's commit", "[client][create]") {
  FakeVers api;
  api.Start();
  VersClient client(Options(api), nullptr);
  CommitOptions o;
  o.intent = "same key";
  REQUIRE(client.CommitVm("vm-1", o, Soon()).ok());
  auto other = client.CommitVm("vm-2", o, Soon());
  REQUIRE_FALSE(other.ok());
  CHECK_THAT(other.status().message(), Catch::Contains("commit of VM vm-1, not vm-2"));
  CHECK(api.commits.size() == 1);
}

TEST_CASE("a root VM whose answer is lost is found by its creation token", "[client][create]") {
  FakeVers api;
  api.Start();
  VersClient client(Options(api), nullptr);
  VmConfig config;
  config.labels = {{"env", "e2e"}};
  api.FailNextPosts("ld");  // two creates: the first is lost, the second dropped
  auto first = client.NewRootVm(config, false, Soon());
  auto second = client.NewRootVm(config, false, Soon());
  REQUIRE(first.ok());
  REQUIRE(second.ok());
  CHECK(first.value() != second.value());
  CHECK(api.vms.size() == 2);
  CHECK(api.posts == 3);
  // The token is the provider's: reads leave it out of the labels.
  auto vm = client.GetVmStatus(first.value(), Soon());
  REQUIRE(vm.ok());
  CHECK(vm.value().labels == Labels{{"env", "e2e"}});
  auto listed = client.ListVms(Soon());
  REQUIRE(listed.ok());
  for (const auto& v : listed.value()) CHECK(v.labels == Labels{{"env", "e2e"}});
  config.labels = {{kCreateTokenLabel, "mine"}};
  auto reserved = client.NewRootVm(config, false, Soon());
  REQUIRE_FALSE(reserved.ok());
  CHECK_THAT(reserved.status().message(), Catch::Contains(kCreateTokenLabel));
}

TEST_CASE("a tag whose answer is lost is found by its unique name", "[client][create]") {
  FakeVers api;
  api.Start();
  std::string commit = api.NewCommit();
  VersClient client(Options(api), nullptr);
  api.FailNextPosts("l");
  auto tag = client.CreateTag("golden", commit, std::nullopt, Soon());
  REQUIRE(tag.ok());
  CHECK(tag.value().commit_id == commit);
  CHECK(api.posts == 1);
  // A tag that exists already is a conflict at once, not looked for.
  auto again = client.CreateTag("golden", commit, std::nullopt, Soon());
  CHECK(again.status().is_conflict());
}

// FromCommitVmRequest carries nothing to find a lost restore by: it is found
// as a VM of that commit made since the request, that no other create took.
TEST_CASE("a restore whose answer is lost is found by commit and creation time",
          "[client][create]") {
  FakeVers api;
  std::string commit = api.NewCommit();
  api.AddVm({"old-vm", FakeVers::Now(3600), commit, "", {}});  // an earlier run's
  api.AddVm({"other-vm", FakeVers::Now(), "another-commit", "", {}});
  api.Start();
  VersClient client(Options(api), nullptr);
  auto first = client.RestoreFromCommit(commit, "", Soon());  // answered: claimed
  REQUIRE(first.ok());
  api.FailNextPosts("l");
  auto second = client.RestoreFromCommit(commit, "", Soon());
  REQUIRE(second.ok());
  CHECK(second.value() != first.value());
  CHECK(second.value() != "old-vm");
  CHECK(second.value() != "other-vm");
  CHECK(api.posts == 2);
  CHECK(api.vms.size() == 4);
  api.FailNextPosts("d");  // dropped: nothing of that commit is unclaimed, so sent again
  auto third = client.RestoreFromCommit(commit, "", Soon());
  REQUIRE(third.ok());
  CHECK(api.posts == 4);
  CHECK(api.vms.size() == 5);
}

// A VM the provider recorded carries its managed-by labels (set just after
// the create answered), so a VM of the same commit made moments before by
// another resource or apply is never taken for a lost restore: that lookup
// would record the wrong VM and leave the one it made behind.
TEST_CASE("a lost restore never takes a VM already labelled as made by the provider",
          "[client][create]") {
  FakeVers api;
  std::string commit = api.NewCommit();
  api.AddVm({"recorded-vm",
             FakeVers::Now(1),
             commit,
             "",  // a second before
             {{kManagedByLabel, kManagedByValue}, {kResourceTypeLabel, "vers_vm_restore"}}});
  api.Start();
  VersClient client(Options(api), nullptr);
  api.FailNextPosts("l");
  auto lost = client.RestoreFromCommit(commit, "", Soon());
  REQUIRE(lost.ok());
  CHECK(lost.value() != "recorded-vm");
  CHECK(api.lookups > 0);  // the answer was lost: it was looked for
  CHECK(api.vms.size() == 2);
  CHECK(api.posts == 1);
}

TEST_CASE("a refused create is returned as is, without a lookup", "[client][create]") {
  FakeVers api;
  api.Start();
  VersClient client(Options(api), nullptr);
  auto tag = client.CreateTag("t", "no-such-commit", std::nullopt, Soon());
  REQUIRE(tag.ok());  // FakeVers does not check commits; a second one conflicts
  int lookups = api.lookups;
  auto again = client.CreateTag("t", "no-such-commit", std::nullopt, Soon());
  CHECK(again.status().is_conflict());
  CHECK(api.lookups == lookups);
}

TEST_CASE("after a stop, a lost create is still looked for and recorded", "[client][create]") {
  FakeVers api;
  api.Start();
  std::atomic<bool> stop{false};
  VersClient client(Options(api), &stop);
  api.on_post = [&stop] { stop = true; };  // Ctrl-C while the create is in flight
  api.FailNextPosts("l");
  auto id = client.CommitVm("vm-1", {}, Soon());
  REQUIRE(id.ok());
  CHECK(api.commits.size() == 1);
  // Nothing was made, and stopped: it is not sent again.
  stop = false;
  api.FailNextPosts("d");
  auto none = client.CommitVm("vm-1", {}, Soon());
  CHECK(none.status().code() == Status::Code::kCancelled);
  CHECK(api.posts == 2);
  CHECK(api.commits.size() == 1);
}

// resize_vm_disk: 400 "Invalid request (e.g. new size not larger than
// current)" (orchestrator.openapi.json), and no API reports the size.
TEST_CASE("a resize resent after a lost answer and refused as not larger took effect",
          "[client][resize]") {
  testing::TestHttpsServer server;
  std::atomic<int> calls{0};
  server.http().Patch("/api/v1/vm/v1/disk", [&](const httplib::Request&, httplib::Response& res) {
    if (++calls == 1) {  // carried out, its answer lost
      res.set_content_provider(64, "application/json",
                               [](size_t, size_t, httplib::DataSink&) { return false; });
      return;
    }
    res.status = 400;
    res.set_content(R"({"error":"new size not larger than current","success":false})",
                    "application/json");
  });
  server.Start();
  HttpOptions o;
  o.base_url = server.base_url();
  o.ca_cert_file = server.ca_file();
  o.base_delay = std::chrono::milliseconds(1);
  VersClient client(o, nullptr);
  CHECK(client.ResizeDisk("v1", 8192, Soon()).ok());
  CHECK(calls == 2);
  // Refused at the first attempt: a real error.
  calls = 1;
  auto refused = client.ResizeDisk("v1", 8192, Soon());
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.message(), Catch::Contains("not larger"));
}

TEST_CASE("commits: one is read directly; the list pages past 100", "[client][commits]") {
  FakeVers api;
  for (int i = 0; i < 120; ++i) api.NewCommit();
  std::string oldest = api.commits.back().id;
  api.Start();
  VersClient client(Options(api), nullptr);
  auto one = client.GetCommit(oldest, Soon());
  REQUIRE(one.ok());
  CHECK(one.value().commit_id == oldest);
  CHECK(client.GetCommit("no-such-commit", Soon()).status().is_not_found());
  auto all = client.ListCommits(Soon());
  REQUIRE(all.ok());
  CHECK(all.value().size() == 120);
  CHECK(all.value().back().commit_id == oldest);
}

}  // namespace vers::client
