// GuardedHttpsServer against slow clients (issue 10, item 8): the attack is
// Slowloris (partial requests, a byte at a time, on many connections), which
// Apache answers with deadlines for the handshake, the head and the body
// (mod_reqtimeout, https://httpd.apache.org/docs/2.4/mod/mod_reqtimeout.html)
// and which a fixed worker pool cannot survive. No latency is asserted: each
// test bounds a slow client at seconds where the deadline is a fraction of one.
#include <openssl/ssl.h>
#include <sys/socket.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "base/openssl.h"
#include "guarded_fixture.h"
#include "local/fs.h"
#include "local/guarded_server.h"
#include "local/pki.h"
#include "local/tls_io.h"
#include "slow_client.h"

using namespace vers::local;
using namespace vers::local::testing;
using std::chrono::milliseconds;

namespace {

// A TLS client that has finished its handshake and then writes slowly.
struct SlowTlsClient {
  explicit SlowTlsClient(int port) : fd(ConnectTcp(port)) {
    REQUIRE(fd.valid());
    ctx.reset(SSL_CTX_new(TLS_client_method()));
    ssl.reset(SSL_new(ctx.get()));
    SSL_set_fd(ssl.get(), fd.get());
    REQUIRE(SSL_connect(ssl.get()) == 1);
    REQUIRE(SetNonBlocking(fd.get(), true));
  }
  bool Send(char c) { return SSL_write(ssl.get(), &c, 1) == 1; }
  // True once the server answered (it gave up on the request) or closed.
  bool Ended() {
    char buf[512];
    int n = SSL_read(ssl.get(), buf, sizeof buf);
    return n > 0 || SSL_get_error(ssl.get(), n) != SSL_ERROR_WANT_READ;
  }
  UniqueFd fd;
  vers::base::SslCtxPtr ctx;
  vers::base::SslPtr ssl;
};

GuardedHttpsServer::Options Deadlines(milliseconds handshake, milliseconds head) {
  GuardedHttpsServer::Options o;
  o.handshake = handshake;
  o.head = head;
  return o;
}

}  // namespace

TEST_CASE("a TLS handshake trickled a byte at a time ends at its deadline", "[guard]") {
  ServerFixture f(Deadlines(milliseconds(300), std::chrono::seconds(10)));
  auto slow = ConnectTcp(f.port);
  REQUIRE(slow.valid());
  // 200 bytes at 50 ms would take 10 s: the 300 ms deadline must end it first.
  CHECK(TrickleRawUntilEnded(slow.get(), kSlowHandshake, std::string(1, '\0'), milliseconds(50),
                             200));
  CHECK(f.Ping() == 200);
}

TEST_CASE("a request head trickled a byte at a time ends at its deadline", "[guard]") {
  ServerFixture f(Deadlines(std::chrono::seconds(5), milliseconds(300)));
  SlowTlsClient slow(f.port);
  CHECK(TrickleUntilEnded(
      "GET /ping HTTP/1.1\r\nHost: slow\r\n", "X-a: b\r\n", milliseconds(50), 200,
      [&](char c) { return slow.Send(c); }, [&] { return slow.Ended(); }));
  CHECK(f.Ping() == 200);
}

TEST_CASE("an honest request is answered while many slow handshakes are held", "[guard]") {
  // More slow connections than httplib's pool had workers (64 here, 8 by
  // default), each sending a byte every 500 ms (which restarts a per-read
  // timeout), with deadlines far away: only a thread per connection helps.
  ServerFixture f(Deadlines(std::chrono::seconds(60), std::chrono::seconds(60)));
  std::mutex mu;
  std::vector<UniqueFd> slow;
  std::atomic<bool> done = false;
  std::thread trickle([&] {
    while (!done) {
      {
        std::lock_guard<std::mutex> lock(mu);
        for (auto& s : slow) (void)::send(s.get(), "", 1, MSG_NOSIGNAL);
      }
      for (int i = 0; i < 50 && !done; ++i) std::this_thread::sleep_for(milliseconds(10));
    }
  });
  for (int i = 0; i < 100; ++i) {
    UniqueFd s = ConnectTcp(f.port);
    REQUIRE(s.valid());
    REQUIRE(::send(s.get(), kSlowHandshake.data(), kSlowHandshake.size(), MSG_NOSIGNAL) ==
            static_cast<ssize_t>(kSlowHandshake.size()));
    std::lock_guard<std::mutex> lock(mu);
    slow.push_back(std::move(s));
  }
  CHECK(f.Ping() == 200);
  CHECK(f.Ping() == 200);
  done = true;
  trickle.join();
}

TEST_CASE("a client over its limit of waiting connections loses the longest-waiting ones",
          "[guard]") {
  auto options = Deadlines(std::chrono::seconds(60), std::chrono::seconds(60));
  options.limits.waiting_per_client = 8;
  ServerFixture f(options);
  std::vector<UniqueFd> stalled;
  for (int i = 0; i < 20; ++i) {
    stalled.push_back(ConnectTcp(f.port));
    REQUIRE(stalled.back().valid());
  }
  auto ended = [&] {
    int n = 0;
    for (auto& s : stalled) n += EndedByServer(s.get()) ? 1 : 0;
    return n;
  };
  for (int i = 0; i < 1000 && ended() < 12; ++i) std::this_thread::sleep_for(milliseconds(10));
  CHECK(ended() == 12);    // 20 from one address, 8 may wait
  CHECK(f.Ping() == 200);  // a newcomer is never refused
  CHECK(ended() == 13);    // it took the place of one more
}
