// ConnLimiter on socket pairs: a cut shows as end of stream on the far end.
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <vector>

#include "local/conn_limiter.h"
#include "local/fd.h"

using vers::local::ConnLimiter;
using vers::local::UniqueFd;

namespace {

// One connection: `server` is what the limiter sees, `client` its peer.
struct Conn {
  UniqueFd server, client;
  Conn() {
    int fds[2];
    REQUIRE(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0);
    server.Reset(fds[0]);
    client.Reset(fds[1]);
  }
  bool Cut() const {
    char c;
    return ::recv(client.get(), &c, 1, MSG_DONTWAIT) == 0;
  }
};

}  // namespace

TEST_CASE("a client over its limit loses its longest-waiting connection", "[limiter]") {
  ConnLimiter limiter({2, 100});
  Conn a, b, c;
  REQUIRE(limiter.Admit(a.server.get(), "10.0.0.1"));
  REQUIRE(limiter.Admit(b.server.get(), "10.0.0.1"));
  CHECK_FALSE(a.Cut());
  REQUIRE(limiter.Admit(c.server.get(), "10.0.0.1"));  // a newcomer is never refused
  CHECK(a.Cut());
  CHECK_FALSE(b.Cut());
  CHECK_FALSE(c.Cut());
  CHECK(limiter.waiting("10.0.0.1") == 2);
}

TEST_CASE("busy connections are neither counted nor cut", "[limiter]") {
  ConnLimiter limiter({2, 100});
  Conn a, b, c;
  REQUIRE(limiter.Admit(a.server.get(), "10.0.0.1"));
  limiter.SetWaiting(a.server.get(), false);  // its request is being served
  REQUIRE(limiter.Admit(b.server.get(), "10.0.0.1"));
  REQUIRE(limiter.Admit(c.server.get(), "10.0.0.1"));
  CHECK_FALSE(a.Cut());
  CHECK_FALSE(b.Cut());
  CHECK_FALSE(c.Cut());
  // Back to waiting (kept alive), a is now the newest waiter: b goes.
  limiter.SetWaiting(a.server.get(), true);
  CHECK_FALSE(a.Cut());
  CHECK(b.Cut());
  CHECK_FALSE(c.Cut());
}

TEST_CASE("one client's limit spares others, the total limit cuts the oldest of all", "[limiter]") {
  ConnLimiter limiter({2, 3});
  Conn a1, b1, b2, a2, b3;
  REQUIRE(limiter.Admit(a1.server.get(), "10.0.0.1"));
  REQUIRE(limiter.Admit(b1.server.get(), "10.0.0.2"));
  REQUIRE(limiter.Admit(b2.server.get(), "10.0.0.2"));
  CHECK(limiter.waiting() == 3);
  REQUIRE(limiter.Admit(a2.server.get(), "10.0.0.1"));  // 4 > 3 in all
  CHECK(a1.Cut());
  CHECK(limiter.waiting() == 3);
  REQUIRE(limiter.Admit(b3.server.get(), "10.0.0.2"));  // 3 > 2 for 10.0.0.2
  CHECK(b1.Cut());
  CHECK_FALSE(b2.Cut());
  CHECK_FALSE(a2.Cut());
  CHECK_FALSE(b3.Cut());
}

TEST_CASE("released connections leave the counts", "[limiter]") {
  ConnLimiter limiter({2, 100});
  Conn a, b, c;
  REQUIRE(limiter.Admit(a.server.get(), "10.0.0.1"));
  REQUIRE(limiter.Admit(b.server.get(), "10.0.0.1"));
  limiter.Release(a.server.get());
  CHECK(limiter.waiting("10.0.0.1") == 1);
  REQUIRE(limiter.Admit(c.server.get(), "10.0.0.1"));
  CHECK_FALSE(a.Cut());
  CHECK_FALSE(b.Cut());
  CHECK_FALSE(c.Cut());
}

TEST_CASE("CutAll ends busy and waiting connections and refuses new ones", "[limiter]") {
  ConnLimiter limiter({2, 100});
  Conn a, b, c;
  REQUIRE(limiter.Admit(a.server.get(), "10.0.0.1"));
  REQUIRE(limiter.Admit(b.server.get(), "10.0.0.1"));
  limiter.SetWaiting(b.server.get(), false);
  limiter.CutAll();
  CHECK(a.Cut());
  CHECK(b.Cut());
  CHECK_FALSE(limiter.Admit(c.server.get(), "10.0.0.1"));
  CHECK_FALSE(c.Cut());  // the caller closes it
  CHECK(limiter.waiting() == 0);
}
