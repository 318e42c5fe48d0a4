// HttpClient's connections (issue 13): it reuses them while the server keeps
// them open, and every call still gets its answer in one attempt when the
// server closes them, after each request or as soon as they idle. Vers's
// front keeps connections with no limit (src/local/api_front.h cites it);
// other fronts (a proxy on the way, vers-local --max-requests-per-connection)
// may not. Connections are counted by libcurl (CURLINFO_NUM_CONNECTS).
#include <catch2/catch.hpp>
#include <string>

#include "client/http_client.h"
#include "test/client/client_options.h"
#include "test/client/test_server.h"

namespace vers::client {
namespace {

// A server answering GET and POST /api/v1/ping; `configure` sets its
// connection policy before it starts.
template <class Configure>
void ServePing(testing::TestHttpsServer& server, Configure configure) {
  server.http().Get("/api/v1/ping", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"ok":true})", "application/json");
  });
  server.http().Post("/api/v1/ping", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content(req.body, "application/json");
  });
  configure(server.http());
  server.Start();
}

// `n` GETs and `n` POSTs in turn; how many were answered 200 at the first
// attempt.
int AnsweredAtOnce(HttpClient& client, int n) {
  int ok = 0;
  for (int i = 0; i < 2 * n; ++i) {
    HttpRequest req{i % 2 ? "POST" : "GET", "/ping", i % 2 ? R"({"n":1})" : ""};
    auto r = client.Send(req, testing::Soon());
    ok += r.ok() && r.value().status == 200 && r.value().attempts == 1 ? 1 : 0;
  }
  return ok;
}

}  // namespace

TEST_CASE("sequential calls share one connection while the server keeps it", "[client][http]") {
  testing::TestHttpsServer server;
  ServePing(server, [](httplib::Server& http) {
    http.set_keep_alive_max_count(1000);  // httplib's default is 5
  });
  HttpClient client(testing::TestServerOptions(server, 1), nullptr);
  CHECK(AnsweredAtOnce(client, 20) == 40);
  CHECK(client.requests_sent() == 40);
  CHECK(client.connections_made() == 1);
}

TEST_CASE("a server that closes after every request: each call answered at the first attempt",
          "[client][http]") {
  testing::TestHttpsServer server;
  ServePing(server, [](httplib::Server& http) { http.set_keep_alive_max_count(1); });
  HttpClient client(testing::TestServerOptions(server, 1), nullptr);
  CHECK(AnsweredAtOnce(client, 20) == 40);
  CHECK(client.connections_made() == 40);
}

TEST_CASE("a server that closes idle connections at once: each call answered at the first attempt",
          "[client][http]") {
  // httplib waits keep_alive_timeout for the next request: 0 closes the
  // connection unless it is already there, racing the client's next send.
  // libcurl sees the close before reusing, or sends a request again that a
  // reused connection lost unanswered; a create must never come back as
  // "maybe carried out" (status 0) for that.
  testing::TestHttpsServer server;
  ServePing(server, [](httplib::Server& http) { http.set_keep_alive_timeout(0); });
  HttpClient client(testing::TestServerOptions(server, 1), nullptr);
  CHECK(AnsweredAtOnce(client, 50) == 100);
  CHECK(client.connections_made() >= 2);
}

}  // namespace vers::client
