// TlsTunnel against a real TLS server on loopback: the handshake, the
// relay in both directions, and each way verification can fail.
#include "ssh/tls_tunnel.h"

#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "test/client/test_server.h"

namespace vers::ssh {
namespace {

TlsOptions To(const testing::TestHttpsServer& server, const std::string& name) {
  TlsOptions o;
  o.connect_host = "127.0.0.1";
  o.port = server.port();
  o.server_name = name;
  o.ca_cert_file = server.ca_file();
  o.connect_timeout = std::chrono::milliseconds(3000);
  return o;
}

}  // namespace

TEST_CASE("a tunnel relays both ways once the certificate checks out", "[ssh][tls]") {
  testing::TestHttpsServer server;
  server.http().Get("/ping", [](const httplib::Request& req, httplib::Response& res) {
    res.set_content("pong via " + req.get_header_value("Host"), "text/plain");
  });
  server.Start();
  auto t = TlsTunnel::Open(To(server, "localhost"));
  REQUIRE(t.ok());
  CHECK(t.value()->protocol() == "TLSv1.3");
  int fd = t.value()->ReleaseLocalFd();
  std::string request = "GET /ping HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  REQUIRE(::write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string response;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;)
    response.append(buf, static_cast<size_t>(n));
  ::close(fd);
  CHECK(response.rfind("HTTP/1.1 200", 0) == 0);
  CHECK(response.find("pong via localhost") != std::string::npos);
  CHECK(t.value()->bytes_sent() == request.size());
}

TEST_CASE("certificate failures are kUnauthorized and say why", "[ssh][tls]") {
  testing::TestHttpsServer server;
  server.Start();
  SECTION("a name the certificate does not carry") {
    auto t = TlsTunnel::Open(To(server, "vm1.vm.example.test"));
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == Status::Code::kUnauthorized);
    CHECK(t.status().message().find("hostname mismatch") != std::string::npos);
  }
  SECTION("a CA we do not trust") {
    TlsOptions o = To(server, "localhost");
    o.ca_cert_file = "";  // the system store does not know the test CA
    auto t = TlsTunnel::Open(o);
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == Status::Code::kUnauthorized);
    CHECK(t.status().message().find("certificate verification") != std::string::npos);
    CHECK(t.status().message().find("ca_cert_file is not set") != std::string::npos);
  }
  SECTION("the CA of another server with the same name (issue 10 item 5)") {
    testing::TestHttpsServer other;
    TlsOptions o = To(server, "localhost");
    o.ca_cert_file = other.ca_file();
    auto t = TlsTunnel::Open(o);
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == Status::Code::kUnauthorized);
    CHECK(t.status().message().find("ca_cert_file \"" + other.ca_file()) != std::string::npos);
  }
  SECTION("a CA file that cannot be loaded is final too") {
    TlsOptions o = To(server, "localhost");
    o.ca_cert_file = server.ca_file() + ".missing";
    auto t = TlsTunnel::Open(o);
    REQUIRE_FALSE(t.ok());
    CHECK(t.status().code() == Status::Code::kUnauthorized);
    CHECK(t.status().message().find("could not be loaded from ca_cert_file") != std::string::npos);
  }
  SECTION("insecure, when asked for, skips verification") {
    TlsOptions o = To(server, "vm1.vm.example.test");
    o.ca_cert_file = "";
    o.insecure = true;
    CHECK(TlsTunnel::Open(o).ok());
  }
}

TEST_CASE("connection failures are ordinary errors (worth a retry)", "[ssh][tls]") {
  TlsOptions o;
  o.connect_host = "127.0.0.1";
  o.port = 1;  // nothing listens there
  o.server_name = "vm1.vm.localhost";
  auto t = TlsTunnel::Open(o);
  REQUIRE_FALSE(t.ok());
  CHECK(t.status().code() == Status::Code::kError);
  CHECK(t.status().message().find("cannot connect to 127.0.0.1:1") != std::string::npos);
  o.connect_host = "vm1.vm.localhost";  // .localhost is loopback (RFC 6761)
  auto l = TlsTunnel::Open(o);
  REQUIRE_FALSE(l.ok());
  CHECK(l.status().message().find("cannot connect to vm1.vm.localhost:1") != std::string::npos);
}

}  // namespace vers::ssh
