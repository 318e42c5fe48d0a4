// GuardedHttpsServer's connection policy (issue 13): how many requests a
// connection serves and how long it may idle, and vers-local's API front's
// choice of both (src/local/api_front.h). Connections are counted by the
// server; nothing is timed: the one idle test waits 20 times its deadline.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "guarded_fixture.h"
#include "local/api_front.h"

using namespace vers::local;
using namespace vers::local::testing;
using std::chrono::milliseconds;

namespace {

// A client that keeps its connection between requests, as libcurl does.
struct KeptClient {
  explicit KeptClient(int port) : client("127.0.0.1", port) {
    client.enable_server_certificate_verification(false);
    client.set_keep_alive(true);
    client.set_connection_timeout(10);
    client.set_read_timeout(10);
  }
  // `n` GET /ping in a row; how many were answered 200.
  int Pings(int n) {
    int ok = 0;
    for (int i = 0; i < n; ++i) {
      auto res = client.Get("/ping");
      ok += res && res->status == 200 ? 1 : 0;
    }
    return ok;
  }
  // One GET /ping after an idle spell: httplib, unlike libcurl, does not
  // notice that the server closed its kept connection and fails once on it,
  // so a failure is retried once, on a new connection. Whether it answered.
  bool PingAfterIdle() {
    auto res = client.Get("/ping");
    if (!res) res = client.Get("/ping");
    return res && res->status == 200;
  }
  httplib::SSLClient client;
};

GuardedHttpsServer::Options Policy(size_t max_requests, milliseconds idle) {
  GuardedHttpsServer::Options o;
  o.max_requests = max_requests;
  o.keep_alive_idle = idle;
  return o;
}

}  // namespace

TEST_CASE("a connection is closed after max_requests, and the next request opens another",
          "[guard][keepalive]") {
  ServerFixture f(Policy(3, milliseconds(5000)));
  KeptClient c(f.port);
  CHECK(c.Pings(7) == 7);
  CHECK(f.server->connections_accepted() == 3);  // 3 + 3 + 1
}

TEST_CASE("with no limit of requests, one connection serves them all", "[guard][keepalive]") {
  ServerFixture f(Policy(0, milliseconds(5000)));
  KeptClient c(f.port);
  CHECK(c.Pings(50) == 50);
  CHECK(f.server->connections_accepted() == 1);
}

TEST_CASE("an idle connection is closed at keep_alive_idle, and kept with no idle limit",
          "[guard][keepalive]") {
  auto idle_twice = [](GuardedHttpsServer::Options o) {
    ServerFixture f(o);
    KeptClient c(f.port);
    CHECK(c.Pings(1) == 1);
    std::this_thread::sleep_for(milliseconds(1000));
    CHECK(c.PingAfterIdle());
    return f.server->connections_accepted();
  };
  CHECK(idle_twice(Policy(0, milliseconds(50))) == 2);
  CHECK(idle_twice(Policy(0, milliseconds(0))) == 1);
}

// Vers's API front is its `proxy` program (Vers's server source, the
// proxy's main.rs: handle_tls_connection serves each connection with
// hyper's http1::Builder::new().serve_connection(..) and sets no Timer):
// hyper keeps connections alive by default (Builder::keep_alive, "Default
// is true"), has no limit of requests per connection, and its default
// header_read_timeout is inert without a Timer (hyper src/common/time.rs,
// Time::check). vers-local used cpp-httplib's 5 requests and 5 s instead.
TEST_CASE("vers-local's API front serves any number of requests on a connection, idle or not",
          "[guard][keepalive]") {
  ServerFixture f(VersApiFrontOptions(0));
  KeptClient c(f.port);
  CHECK(c.Pings(20) == 20);
  std::this_thread::sleep_for(milliseconds(1000));
  CHECK(c.PingAfterIdle());
  CHECK(f.server->connections_accepted() == 1);
}

TEST_CASE("vers-local's front closes early with --max-requests-per-connection",
          "[guard][keepalive]") {
  ServerFixture f(VersApiFrontOptions(2));
  KeptClient c(f.port);
  CHECK(c.Pings(6) == 6);
  CHECK(f.server->connections_accepted() == 3);
}
