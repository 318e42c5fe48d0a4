// ServerFixture: a GuardedHttpsServer with the given options on a loopback
// port, serving GET /ping, with its own PKI in a temporary directory.
#pragma once

#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>

#include "local/fs.h"
#include "local/guarded_server.h"
#include "local/pki.h"

namespace vers::local::testing {

struct ServerFixture {
  explicit ServerFixture(GuardedHttpsServer::Options options) {
    char tmpl[] = "/tmp/vers-local-guard-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    dir = tmpl;
    auto pki = EnsurePki(dir, "vm.localhost");
    REQUIRE(pki.ok());
    server = std::make_unique<GuardedHttpsServer>(pki.value().server_cert, pki.value().server_key,
                                                  options);
    REQUIRE(server->is_valid());
    server->Get("/ping", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("pong", "text/plain");
    });
    port = server->bind_to_any_port("127.0.0.1");
    REQUIRE(port > 0);
    REQUIRE(server->WidenListenBacklog(SOMAXCONN));  // as BindHttps does
    thread = std::thread([this] { server->listen_after_bind(); });
    for (int i = 0; i < 200 && !server->is_running(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ~ServerFixture() {
    server->stop();  // must end the connections still held, slow or not
    thread.join();
    CHECK(RemoveTree(dir).ok());
  }
  // One honest GET /ping on a new connection: its status, 0 when unanswered.
  int Ping() const {
    httplib::SSLClient client("127.0.0.1", port);
    client.enable_server_certificate_verification(false);
    client.set_connection_timeout(10);
    client.set_read_timeout(10);
    auto res = client.Get("/ping");
    return res ? res->status : 0;
  }

  std::string dir;
  std::unique_ptr<GuardedHttpsServer> server;
  int port = 0;
  std::thread thread;
};

}  // namespace vers::local::testing
