// Routing tests: the real routes over plain HTTP on loopback, FakeRuntime below.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <thread>

#include "fake_runtime.h"
#include "local/api.h"
#include "local/fs.h"
#include "local/json_read.h"

using namespace vers::local;
using vers::local::testing::FakeRuntime;

namespace {

VmManager::Options Opts() { return VmManager::Options{}; }

const std::string kKey = "test-key";

struct ApiFixture {
  // `honour_keys`: the opt-in idempotency cache (--honour-idempotency-keys).
  explicit ApiFixture(bool honour_keys = false) {
    char tmpl[] = "/tmp/vers-local-api-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    Store store(dir);
    manager = std::make_unique<VmManager>(store, store.Load().value(), rt, Opts());
    RegisterApi(server, *manager, faults, honour_keys ? &idempotency : nullptr, kKey);
    port = server.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    thread = std::thread([this] { server.listen_after_bind(); });
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_bearer_token_auth(kKey.c_str());
  }
  ~ApiFixture() {
    server.stop();
    thread.join();
    CHECK(RemoveTree(dir).ok());
  }
  httplib::Result Post(const std::string& path, const std::string& body = "{}") {
    return client->Post(path.c_str(), body, "application/json");
  }
  std::string Field(const std::string& body, const char* key) {
    JsonDoc doc;
    REQUIRE(doc.Parse(body).ok());
    return GetString(doc.root(), key).value_or("");
  }
  std::string NewVm() {
    auto r = Post("/api/v1/vm/new_root", R"({"vm_config":{"vcpu_count":1}})");
    REQUIRE(r);
    REQUIRE(r->status == 201);
    return Field(r->body, "vm_id");
  }

  std::string dir;
  FakeRuntime rt;
  Faults faults;
  IdempotencyCache idempotency;
  std::unique_ptr<VmManager> manager;
  httplib::Server server;
  int port = 0;
  std::thread thread;
  std::unique_ptr<httplib::Client> client;
};

}  // namespace

TEST_CASE("requests need the bearer key", "[api]") {
  ApiFixture f;
  httplib::Client anon("127.0.0.1", f.port);
  auto r = anon.Get("/api/v1/vms");
  REQUIRE(r);
  CHECK(r->status == 401);
  CHECK(r->body == R"({"error":"missing or invalid API key","success":false})");
  anon.set_bearer_token_auth("wrong");
  CHECK(anon.Get("/api/v1/vms")->status == 401);
  CHECK(anon.Get("/_admin/counters")->status == 401);
  CHECK(f.client->Get("/api/v1/vms")->status == 200);
}

TEST_CASE("VM routes answer with the spec's shapes", "[api]") {
  ApiFixture f;
  std::string vm = f.NewVm();
  auto st = f.client->Get(("/api/v1/vm/" + vm + "/status").c_str());
  REQUIRE(st->status == 200);
  CHECK(f.Field(st->body, "state") == "running");
  CHECK(f.Field(st->body, "owner_id").size() == 36);
  auto md = f.client->Get(("/api/v1/vm/" + vm + "/metadata").c_str());
  CHECK(f.Field(md->body, "ip") == "127.0.0.1");
  auto key = f.client->Get(("/api/v1/vm/" + vm + "/ssh_key").c_str());
  // ssh_port is the VM's own sshd port (FakeRuntime: 2222), as Vers answers
  // the port DNAT'd to the VM (spec VmSshKeyResponse), not the TLS front's.
  CHECK(key->body.find("\"ssh_port\":2222") != std::string::npos);

  auto commit = f.Post("/api/v1/vm/" + vm + "/commit?keep_paused=true", "");
  REQUIRE(commit->status == 201);
  std::string cid = f.Field(commit->body, "commit_id");
  CHECK(f.manager->Get(vm).value().state == "paused");

  auto from = f.Post("/api/v1/vm/from_commit", R"({"commit_id":")" + cid + "\"}");
  CHECK(from->status == 201);
  auto branch = f.Post("/api/v1/vm/" + cid + "/branch?count=2", "");
  REQUIRE(branch->status == 201);
  CHECK(branch->body.rfind(R"({"vms":[{"vm_id":")", 0) == 0);

  CHECK(f.client->Delete(("/api/v1/vm/" + vm).c_str())->status == 409);
  CHECK(f.client->Delete(("/api/v1/commits/" + cid).c_str())->status == 409);
  CHECK(f.client
            ->Patch(("/api/v1/vm/" + vm + "/state").c_str(), R"({"state":"Running"})",
                    "application/json")
            ->status == 200);
  CHECK(f.client
            ->Patch(("/api/v1/vm/" + vm + "/disk").c_str(), R"({"fs_size_mib":1})",
                    "application/json")
            ->status == 400);
  auto list = f.client->Get("/api/v1/commits?limit=1");
  CHECK(list->body.find("\"total\":1") != std::string::npos);
}

TEST_CASE("errors are JSON with the right status", "[api]") {
  ApiFixture f;
  auto missing = f.client->Get("/api/v1/vm/00000000-0000-4000-8000-000000000000/status");
  CHECK(missing->status == 404);
  CHECK(missing->body.find("\"success\":false") != std::string::npos);
  // The real API parses every {vm_id} as a UUID (Path<Uuid>): 400, not 404.
  auto malformed = f.client->Get("/api/v1/vm/nope/status");
  CHECK(malformed->status == 400);
  CHECK(malformed->body.find("vm_id must be a UUID, got \\\"nope\\\"") != std::string::npos);
  CHECK(f.Post("/api/v1/vm/new_root", "{")->status == 400);
  CHECK(f.Post("/api/v1/vm/new_root", "{}")->status == 400);
  // A well-formed repository ref names no repository here (404);
  // a malformed one is refused as the real API refuses it.
  CHECK(f.Post("/api/v1/vm/from_commit", R"({"ref":"r:t"})")->status == 404);
  CHECK(f.Post("/api/v1/vm/from_commit", R"({"ref":"r"})")->status == 400);
  auto route = f.client->Get("/api/v1/no/such/route");
  CHECK(route->status == 404);
  CHECK(route->body.find("\"success\":false") != std::string::npos);
}

TEST_CASE("commit tags CRUD", "[api]") {
  ApiFixture f;
  std::string vm = f.NewVm();
  std::string cid = f.Field(f.Post("/api/v1/vm/" + vm + "/commit")->body, "commit_id");
  auto created = f.Post("/api/v1/commit_tags", R"({"tag_name":"v1","commit_id":")" + cid + "\"}");
  REQUIRE(created->status == 201);
  CHECK(f.Field(created->body, "tag_name") == "v1");
  CHECK(f.Post("/api/v1/commit_tags", R"({"tag_name":"v1","commit_id":")" + cid + "\"}")->status ==
        409);
  CHECK(f.client->Get("/api/v1/commit_tags/v1")->status == 200);
  CHECK(f.client->Patch("/api/v1/commit_tags/v1", R"({"description":"x"})", "application/json")
            ->status == 204);
  CHECK(f.Field(f.client->Get("/api/v1/commit_tags/v1")->body, "description") == "x");
  CHECK(f.client->Delete("/api/v1/commit_tags/v1")->status == 204);
  CHECK(f.client->Get("/api/v1/commit_tags/v1")->status == 404);
}

TEST_CASE("admin requests counts authorized API requests by operation, faulted ones too", "[api]") {
  ApiFixture f;
  auto count = [&] { return f.client->Get("/_admin/requests")->body; };
  CHECK(count() == "{}");
  f.NewVm();
  CHECK(f.client->Get("/api/v1/vms")->status == 200);
  CHECK(count() == R"({"create_new_root_vm":1,"list_vms":1,"total":2})");  // not admin calls
  REQUIRE(f.Post("/_admin/faults", R"({"error_rate":1,"status":503})")->status == 200);
  CHECK(f.client->Get("/api/v1/vms")->status == 503);
  httplib::Client anon("127.0.0.1", f.port);
  CHECK(anon.Get("/api/v1/vms")->status == 401);
  // The faulted request counts, the unauthorized one does not.
  CHECK(count() == R"({"create_new_root_vm":1,"list_vms":2,"total":3})");
}

TEST_CASE("admin faults and counters", "[api]") {
  ApiFixture f;
  f.NewVm();
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":0,"tags":0,"vms":1})");
  CHECK(f.Post("/_admin/faults", R"({"error_rate":2})")->status == 400);
  CHECK(f.Post("/_admin/faults", R"({"ssh_idle_timeout_ms":-1})")->status == 400);
  REQUIRE(
      f.Post("/_admin/faults", R"({"ssh_cut_after_bytes":5,"ssh_idle_timeout_ms":1500})")->status ==
      200);
  auto ssh_faults = f.client->Get("/_admin/faults");
  CHECK_THAT(ssh_faults->body, Catch::Contains(R"("ssh_cut_after_bytes":5)") &&
                                   Catch::Contains(R"("ssh_idle_timeout_ms":1500)"));
  REQUIRE(f.Post("/_admin/faults", R"({"error_rate":1,"status":503,"retry_after":7})")->status ==
          200);
  auto r = f.client->Get("/api/v1/vms");
  CHECK(r->status == 503);
  CHECK(r->get_header_value("Retry-After") == "7");
  CHECK(f.client->Get("/_admin/counters")->status == 200);  // admin is never faulted
  REQUIRE(f.Post("/_admin/faults", R"({"drop_rate":1})")->status == 200);
  auto dropped = f.client->Get("/api/v1/vms");
  CHECK((!dropped || dropped->body.empty()));
  REQUIRE(f.Post("/_admin/faults", "{}")->status == 200);
  CHECK(f.client->Get("/api/v1/vms")->status == 200);
}

// `only` aims the faults at one method and path prefix (a test facility: it
// fails one step of an operation, e.g. the read-back after a create).
TEST_CASE("faults aimed with only, replayed with seed", "[api]") {
  ApiFixture f;
  CHECK(f.Post("/_admin/faults", R"({"only":"nospace"})")->status == 400);
  CHECK(f.Post("/_admin/faults", R"({"seed":-1})")->status == 400);
  REQUIRE(
      f.Post("/_admin/faults", R"({"error_rate":1,"only":"GET /api/v1/commit_tags/"})")->status ==
      200);
  CHECK(f.client->Get("/api/v1/vms")->status == 200);
  CHECK(f.client->Get("/api/v1/commit_tags/x")->status == 503);
  CHECK(f.client->Delete("/api/v1/commit_tags/x")->status == 404);  // not aimed at
  // The same seed draws the same faults for the same sequence of requests.
  auto draws = [&f] {
    REQUIRE(f.Post("/_admin/faults", R"({"error_rate":0.5,"seed":42})")->status == 200);
    std::string seen;
    for (int i = 0; i < 32; ++i) seen += f.client->Get("/api/v1/vms")->status == 200 ? '.' : 'x';
    return seen;
  };
  const std::string first = draws();
  CHECK(first.find('x') != std::string::npos);
  CHECK(first.find('.') != std::string::npos);
  CHECK(draws() == first);
  REQUIRE(f.Post("/_admin/faults", "{}")->status == 200);
}

// The Vers spec documents no idempotency header and the official SDKs send
// none (orchestrator.openapi.json; hdresearch/vers-sdk-ts src/core, vers-cli
// internal/handlers): the real API acts on every request it receives.
TEST_CASE("by default an idempotency key is ignored, as by the real API", "[api]") {
  ApiFixture f;
  httplib::Headers key = {{"X-Idempotency-Key", "key-a"}};
  const std::string body = R"({"vm_config":{"vcpu_count":1}})";
  auto first = f.client->Post("/api/v1/vm/new_root", key, body, "application/json");
  auto again = f.client->Post("/api/v1/vm/new_root", key, body, "application/json");
  REQUIRE(first);
  REQUIRE(again);
  CHECK(first->status == 201);
  CHECK(again->status == 201);
  CHECK(f.Field(again->body, "vm_id") != f.Field(first->body, "vm_id"));
  CHECK(again->get_header_value("Idempotent-Replayed").empty());
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":0,"tags":0,"vms":2})");
}

TEST_CASE("opt-in: a retried mutation with the same idempotency key acts once", "[api]") {
  ApiFixture f(/*honour_keys=*/true);
  httplib::Headers key_a = {{"X-Idempotency-Key", "key-a"}};
  const std::string body = R"({"vm_config":{"vcpu_count":1}})";
  auto first = f.client->Post("/api/v1/vm/new_root", key_a, body, "application/json");
  auto again = f.client->Post("/api/v1/vm/new_root", key_a, body, "application/json");
  REQUIRE(first);
  REQUIRE(again);
  CHECK(first->status == 201);
  CHECK(again->status == 201);
  CHECK(f.Field(again->body, "vm_id") == f.Field(first->body, "vm_id"));
  CHECK(again->get_header_value("Idempotent-Replayed") == "true");
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":0,"tags":0,"vms":1})");

  // Another key, or no key, is another request.
  auto other = f.client->Post("/api/v1/vm/new_root", {{"X-Idempotency-Key", "key-b"}}, body,
                              "application/json");
  REQUIRE(other);
  CHECK(f.Field(other->body, "vm_id") != f.Field(first->body, "vm_id"));
  f.NewVm();
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":0,"tags":0,"vms":3})");
}

TEST_CASE("opt-in: a lost response is replayed to the retry", "[api]") {
  ApiFixture f(/*honour_keys=*/true);
  REQUIRE(f.Post("/_admin/faults", R"({"lose_response_rate":1})")->status == 200);
  httplib::Headers key = {{"X-Idempotency-Key", "lost-1"}};
  const std::string body = R"({"vm_config":{"vcpu_count":1}})";
  auto lost = f.client->Post("/api/v1/vm/new_root", key, body, "application/json");
  CHECK((!lost || lost->body.empty()));
  // The work was done although the answer was lost.
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":0,"tags":0,"vms":1})");
  REQUIRE(f.Post("/_admin/faults", "{}")->status == 200);
  auto retry = f.client->Post("/api/v1/vm/new_root", key, body, "application/json");
  REQUIRE(retry);
  CHECK(retry->status == 201);
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":0,"tags":0,"vms":1})");
  auto list = f.client->Get("/api/v1/vms");
  CHECK(list->body.find(f.Field(retry->body, "vm_id")) != std::string::npos);
}

TEST_CASE("an injected error on a request with a body leaves the connection usable", "[api]") {
  ApiFixture f;
  f.client->set_keep_alive(true);
  REQUIRE(f.Post("/_admin/faults", R"({"error_rate":1,"status":429})")->status == 200);
  auto faulted = f.Post("/api/v1/vm/new_root", R"({"vm_config":{"vcpu_count":1}})");
  REQUIRE(faulted);
  CHECK(faulted->status == 429);
  // The next request on the same connection is read as itself, not as the
  // remains of the faulted request's body.
  auto next = f.Post("/_admin/faults", "{}");
  REQUIRE(next);
  CHECK(next->status == 200);
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":0,"tags":0,"vms":0})");
}

// VmCommitRequest.commit_id: "If provided, chelsea will use the requested
// commit UUID" (orchestrator.openapi.json). The orchestrator inserts the
// commit's row under that id first and answers a failed insert (the id is
// taken) with 500 (its commit_vm handler: CommitVMError::Db =>
// INTERNAL_SERVER_ERROR); the spec lists 400/401/403/404/500, no 409.
TEST_CASE("commit uses the requested commit_id; a taken id is a 500", "[api]") {
  ApiFixture f;
  std::string vm = f.NewVm();
  const std::string id = "0b6f5a3e-2c1d-4e8f-9a7b-1234567890ab";
  const std::string body = R"({"commit_id":")" + id + R"(","name":"n"})";
  auto made = f.Post("/api/v1/vm/" + vm + "/commit", body);
  REQUIRE(made);
  CHECK(made->status == 201);
  CHECK(f.Field(made->body, "commit_id") == id);
  auto again = f.Post("/api/v1/vm/" + vm + "/commit", body);
  REQUIRE(again);
  CHECK(again->status == 500);
  CHECK_THAT(again->body, Catch::Contains(id) && Catch::Contains("already exists"));
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":1,"tags":0,"vms":1})");
  auto chain = f.client->Get(("/api/v1/vm/commits/" + id + "/parents").c_str());
  REQUIRE(chain);
  CHECK(chain->status == 200);
  CHECK(chain->body.rfind(R"([{"id":")" + id, 0) == 0);
  CHECK(f.Post("/api/v1/vm/" + vm + "/commit", R"({"commit_id":"not-a-uuid"})")->status == 400);
}

// Deleting a commit only marks its row deleted (the orchestrator's commits
// repository: mark_deleted sets deleted_at and get_by_id skips such rows;
// hard_delete is kept for rolling back a commit that failed), so the id of a
// deleted commit can never be inserted again: asking for it is a 500.
TEST_CASE("a deleted commit's id stays taken", "[api]") {
  ApiFixture f;
  std::string vm = f.NewVm();
  const std::string id = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  const std::string body = R"({"commit_id":")" + id + R"("})";
  REQUIRE(f.Post("/api/v1/vm/" + vm + "/commit", body)->status == 201);
  auto gone = f.client->Delete(("/api/v1/commits/" + id).c_str());
  REQUIRE(gone);
  CHECK(gone->status == 204);
  CHECK(f.client->Get(("/api/v1/vm/commits/" + id + "/parents").c_str())->status == 404);
  auto again = f.Post("/api/v1/vm/" + vm + "/commit", body);
  REQUIRE(again);
  CHECK(again->status == 500);
  CHECK(f.client->Get("/_admin/counters")->body == R"({"commits":0,"tags":0,"vms":1})");
}

// ListCommitsQuery: limit "Maximum number of commits to return (default: 50,
// max: 100)", offset "Number of commits to skip (default: 0)"; the answer
// carries commits, total, limit and offset (orchestrator.openapi.json).
TEST_CASE("GET /commits pages: 50 by default, at most 100", "[api]") {
  ApiFixture f;
  std::string vm = f.NewVm();
  for (int i = 0; i < 120; ++i) REQUIRE(f.Post("/api/v1/vm/" + vm + "/commit")->status == 201);
  auto count = [&f](const char* query) {
    auto r = f.client->Get((std::string("/api/v1/commits") + query).c_str());
    REQUIRE(r);
    REQUIRE(r->status == 200);
    JsonDoc doc;
    REQUIRE(doc.Parse(r->body).ok());
    auto commits = doc.root()["commits"].get_array();
    REQUIRE(!commits.error());
    return std::to_string(commits.value_unsafe().size()) +
           " total=" + std::to_string(GetInt(doc.root(), "total").value_or(-1)) +
           " limit=" + std::to_string(GetInt(doc.root(), "limit").value_or(-1)) +
           " offset=" + std::to_string(GetInt(doc.root(), "offset").value_or(-1));
  };
  CHECK(count("") == "50 total=120 limit=50 offset=0");
  CHECK(count("?limit=500") == "100 total=120 limit=100 offset=0");
  CHECK(count("?limit=100&offset=100") == "20 total=120 limit=100 offset=100");
  CHECK(count("?offset=110") == "10 total=120 limit=50 offset=110");
}

namespace {

// Sends `text` as is on a new connection to the fixture's server and returns
// everything it answers until it closes (at most 10 s without data).
std::string RawExchange(int port, const std::string& text) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  REQUIRE(::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

}  // namespace

// The spec gives POST /vm/{vm_or_commit_id}/branch no request body, and
// RFC 9112 section 6.3 says a request with neither Content-Length nor
// Transfer-Encoding has none: such a request is answered at once.
TEST_CASE("a branch request without a body is accepted", "[api]") {
  ApiFixture f;
  std::string vm = f.NewVm();
  std::string answer = RawExchange(f.port, "POST /api/v1/vm/" + vm +
                                               "/branch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                               "Authorization: Bearer test-key\r\n"
                                               "Connection: close\r\n\r\n");
  CHECK(answer.rfind("HTTP/1.1 201 ", 0) == 0);
  CHECK(answer.find(R"({"vms":[{"vm_id":")") != std::string::npos);
}

// Operations of the spec (orchestrator.openapi.json) that vers-local does not
// serve say so with 501 and their operationId; a method the spec path lacks
// is 405 with Allow (RFC 9110 section 15.5.6), as the real API's router
// answers; only a path outside the spec is "no such route".
TEST_CASE("what vers-local does not serve is named", "[api]") {
  ApiFixture f;
  auto logs = f.client->Get("/api/v1/vm/00000000-0000-4000-8000-000000000000/logs");
  REQUIRE(logs);
  CHECK(logs->status == 501);
  CHECK(
      logs->body ==
      R"j({"error":"vers-local does not implement vm_logs (GET /api/v1/vm/{vm_id}/logs)","success":false})j");
  auto deploy = f.Post("/api/v1/deploy", "{}");
  REQUIRE(deploy);
  CHECK(deploy->status == 501);
  CHECK(deploy->body.find("deploy_handler (POST /api/v1/deploy)") != std::string::npos);
  // Exec and file reads are served (api_exec.cc): an unknown VM is 404, as on
  // every /vm/{vm_id} route (the spec's read_file_vm: 404 "VM not found").
  auto read = f.client->Get("/api/v1/vm/00000000-0000-4000-8000-000000000000/files?path=/x");
  REQUIRE(read);
  CHECK(read->status == 404);
  auto exec =
      f.Post("/api/v1/vm/00000000-0000-4000-8000-000000000000/exec", R"({"command":["true"]})");
  CHECK(exec->status == 404);

  auto put = f.client->Put("/api/v1/vms", "{}", "application/json");
  CHECK(put->status == 405);
  CHECK(put->get_header_value("Allow") == "GET");
  auto tags = f.client->Patch("/api/v1/commit_tags", "{}", "application/json");
  CHECK(tags->status == 405);
  CHECK(tags->get_header_value("Allow") == "GET, POST");
  // GET on a literal path beside a {vm_id} template: the literal path wins.
  CHECK(f.client->Get("/api/v1/vm/new_root")->get_header_value("Allow") == "POST");
  std::string trace = RawExchange(f.port,
                                  "TRACE /api/v1/vms HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                  "Authorization: Bearer test-key\r\nConnection: close\r\n\r\n");
  CHECK(trace.rfind("HTTP/1.1 405 ", 0) == 0);
  CHECK(trace.find("method TRACE is not allowed on /api/v1/vms (allowed: GET)") !=
        std::string::npos);

  auto route = f.client->Get("/api/v1/vm/x/y/z");
  CHECK(route->status == 404);
  CHECK(route->body == R"({"error":"no such route: GET /api/v1/vm/x/y/z","success":false})");
}

TEST_CASE("every error says what was wrong", "[api]") {
  ApiFixture f;
  auto message = [&f](const httplib::Result& r) {
    REQUIRE(r);
    return f.Field(r->body, "error");
  };
  CHECK(message(f.Post("/api/v1/vm/new_root", "{")).rfind("invalid JSON body: ", 0) == 0);
  CHECK(message(f.Post("/api/v1/vm/new_root", "[1]")) ==
        "request body must be a JSON object, got an array");
  CHECK(message(f.Post("/api/v1/vm/new_root", R"({"vm_config":{"vcpu_count":"2"}})")) ==
        "vcpu_count must be an integer 1-2147483647, got a string");
  CHECK(message(f.Post("/api/v1/vm/new_root", R"({"vm_config":{"mem_size_mib":0}})")) ==
        "mem_size_mib must be an integer 1-2147483647, got 0");
  auto small = f.Post("/api/v1/vm/new_root", R"({"vm_config":{"mem_size_mib":32}})");
  CHECK(small->status == 403);  // a limit of vers-local's, as the real API's are 403
  CHECK(message(small) == "a VM on vers-local has at most 64 vCPUs and 64-262144 MiB of memory");
  // Integers past 64 bits are JSON too.
  CHECK(message(f.Post("/api/v1/vm/new_root",
                       R"({"vm_config":{"vcpu_count":123456789012345678901234567890}})")) ==
        "vcpu_count must be an integer 1-2147483647, got 1.2345678901234568e+29");
  CHECK(message(f.Post("/api/v1/vm/new_root", R"({"vm_config":{"image_name":"ubuntu"}})")) ==
        "image_name \"ubuntu\" is not a base image");
  CHECK(message(f.Post("/api/v1/vm/new_root", R"({"vm_config":{"kernel_name":"x"}})")) ==
        "kernel_name must be \"default.bin\" (the only one there is)");
  CHECK(message(f.Post("/api/v1/vm/new_root", R"({"vm_config":{"labels":{"a":1}}})")) ==
        "labels.a must be a string");
  CHECK(message(f.Post("/api/v1/vm/new_root?wait_boot=yes", R"({"vm_config":{}})")) ==
        "query parameter wait_boot must be true or false, got \"yes\"");
  // A whole number written with a fraction part is an integer (JSON Schema).
  CHECK(f.Post("/api/v1/vm/new_root", R"({"vm_config":{"vcpu_count":2.0}})")->status == 201);

  std::string vm = f.NewVm();
  CHECK(message(f.Post("/api/v1/vm/" + vm + "/branch?count=256", "")) ==
        "query parameter count must be an integer 0-255, got \"256\"");
  CHECK(message(f.Post("/api/v1/vm/" + vm + "/commit", R"({"name":7})")) ==
        "name must be a string or null, got a number");
  CHECK(message(f.client->Patch(("/api/v1/vm/" + vm + "/state").c_str(), "{}",
                                "application/json")) == "state is required");
  // The by_* branch routes answer errors in their spec body, NewVmsResponse.
  auto by_commit = f.Post("/api/v1/vm/branch/by_commit/00000000-0000-4000-8000-000000000000", "");
  CHECK(by_commit->status == 404);
  CHECK(
      by_commit->body ==
      R"({"vms":[],"error":"commit 00000000-0000-4000-8000-000000000000 not found","success":false})");
  CHECK(message(f.client->Get("/api/v1/commits?limit=ten")) ==
        "query parameter limit must be an integer -9223372036854775808-9223372036854775807, got "
        "\"ten\"");
}
