// ApiFixture: vers-local's API on a loopback port over a FakeRuntime, with an
// httplib client carrying the key, for route tests.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <thread>

#include "fake_runtime.h"
#include "local/api.h"
#include "local/fs.h"
#include "local/json_read.h"

namespace vers::local::testing {

struct ApiFixture {
  ApiFixture() {
    char tmpl[] = "/tmp/vers-local-api-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    Store store(dir);
    manager = std::make_unique<VmManager>(store, store.Load().value(), rt, VmManager::Options{});
    RegisterApi(server, *manager, faults, nullptr, key);  // keeps a reference
    port = server.bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    thread = std::thread([this] { server.listen_after_bind(); });
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_bearer_token_auth(key.c_str());
  }
  ~ApiFixture() {
    server.stop();
    thread.join();
    CHECK(RemoveTree(dir).ok());
  }
  // The status of a request with `body` (JSON unless `type` says otherwise);
  // the answer's body into `out` when given.
  int Send(const std::string& method, const std::string& path, const std::string& body,
           std::string* out = nullptr, const char* type = "application/json") {
    httplib::Result r = method == "POST"     ? client->Post(path.c_str(), body, type)
                        : method == "PUT"    ? client->Put(path.c_str(), body, type)
                        : method == "PATCH"  ? client->Patch(path.c_str(), body, type)
                        : method == "DELETE" ? client->Delete(path.c_str())
                                             : client->Get(path.c_str());
    REQUIRE(r);
    if (out) *out = r->body;
    return r->status;
  }
  std::string Get(const std::string& path, int want = 200) {
    std::string body;
    CHECK(Send("GET", path, "", &body) == want);
    return body;
  }
  static std::string Field(const std::string& body, const char* key) {
    JsonDoc doc;
    REQUIRE(doc.Parse(body).ok());
    return GetString(doc.root(), key).value_or("");
  }
  std::string NewVm(const std::string& config, int want = 201) {
    std::string body;
    REQUIRE(Send("POST", "/api/v1/vm/new_root", R"({"vm_config":)" + config + "}", &body) == want);
    return Field(body, "vm_id");
  }

  std::string key = "test-key";
  std::string dir;
  FakeRuntime rt;
  Faults faults;
  std::unique_ptr<VmManager> manager;
  httplib::Server server;
  int port = 0;
  std::thread thread;
  std::unique_ptr<httplib::Client> client;
};

}  // namespace vers::local::testing
