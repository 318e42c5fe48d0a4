// A vergeio-local API on loopback for tests: the real routes, credentials and
// database in a temp dir, served over plain HTTP, and a client that logs in
// with Basic auth. Also small helpers to read JSON answers.
#pragma once

#include <httplib.h>
#include <stdlib.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "local/faults.h"
#include "local/fs.h"
#include "local/json_read.h"
#include "vergeio_local/api.h"

namespace vergeio_test {

using namespace vers::vergeio;

// The integer, string or bool member `key` of a JSON object text.
inline int64_t IntOf(const std::string& json, const char* key) {
  vers::local::JsonDoc doc;
  REQUIRE(doc.Parse(json).ok());
  auto v = vers::local::GetInt(doc.root(), key);
  REQUIRE(v.has_value());
  return *v;
}
inline std::string StringOf(const std::string& json, const char* key) {
  vers::local::JsonDoc doc;
  REQUIRE(doc.Parse(json).ok());
  return vers::local::GetString(doc.root(), key).value_or("<absent>");
}
inline bool BoolOf(const std::string& json, const char* key) {
  vers::local::JsonDoc doc;
  REQUIRE(doc.Parse(json).ok());
  auto v = vers::local::GetBool(doc.root(), key);
  REQUIRE(v.has_value());
  return *v;
}

class ApiFixture {
 public:
  ApiFixture() {
    char tmpl[] = "/tmp/vergeio-local-test-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    Start();
  }
  ~ApiFixture() {
    Stop();
    CHECK(vers::local::RemoveTree(dir).ok());
  }

  // Stops the server and starts a new one on the same data dir.
  void Restart() {
    Stop();
    Start();
  }

  httplib::Result Get(const std::string& path) { return client->Get(path.c_str()); }
  httplib::Result Post(const std::string& path, const std::string& body) {
    return client->Post(path.c_str(), body, "application/json");
  }
  httplib::Result Put(const std::string& path, const std::string& body) {
    return client->Put(path.c_str(), body, "application/json");
  }
  httplib::Result Delete(const std::string& path) { return client->Delete(path.c_str()); }

  // POSTs to /api/v4/<table>, requires 201 and returns the new key. The
  // answer is shaped as verge-io/docs api-guide.md shows it:
  //   {"location":"/v4/vms/36","dbpath":"vms/36","$row":36,"$key":"36"}
  int64_t Create(const std::string& table, const std::string& body) {
    auto r = Post("/api/v4/" + table, body);
    REQUIRE(r);
    INFO(r->body);
    REQUIRE(r->status == 201);
    std::string key = StringOf(r->body, "$key");  // a string
    CHECK(StringOf(r->body, "location") == "/v4/" + table + "/" + key);
    CHECK(StringOf(r->body, "dbpath") == table + "/" + key);
    CHECK(std::to_string(IntOf(r->body, "$row")) == key);
    return std::stoll(key);
  }
  // The status of a request (0 when it failed at the transport level).
  static int StatusOf(const httplib::Result& r) { return r ? r->status : 0; }

  std::string dir;
  std::unique_ptr<Credentials> credentials;
  std::unique_ptr<Database> db;
  vers::local::Faults faults;
  std::unique_ptr<httplib::Server> server;
  int port = 0;
  std::thread thread;
  std::unique_ptr<httplib::Client> client;

 private:
  void Start() {
    auto c = Credentials::Open(dir);
    REQUIRE(c.ok());
    credentials = std::move(c).value();
    auto d = Database::Open(dir);
    REQUIRE(d.ok());
    db = std::move(d).value();
    server = std::make_unique<httplib::Server>();
    RegisterApi(*server, *db, *credentials, faults);
    port = server->bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    thread = std::thread([this] { server->listen_after_bind(); });
    // stop() before the server runs would be lost, and Stop() would hang.
    while (!server->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    client = std::make_unique<httplib::Client>("127.0.0.1", port);
    client->set_basic_auth("admin", credentials->password().c_str());
  }
  void Stop() {
    server->stop();
    thread.join();
  }
};

}  // namespace vergeio_test
