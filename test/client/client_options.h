// What the client tests share to talk to a test server (TestHttpsServer,
// FakeVers, FakeExec): options naming its URL and CA, and a deadline.
#pragma once

#include <chrono>

#include "client/http_client.h"

namespace vers::testing {

// Options for a client of `server` (anything with base_url() and ca_file()):
// a test token and retries 1 ms apart, so that retry tests take no time.
template <class Server>
client::HttpOptions TestServerOptions(const Server& server, int max_attempts) {
  client::HttpOptions o;
  o.base_url = server.base_url();
  o.bearer_token = "sk-test";
  o.ca_cert_file = server.ca_file();
  o.base_delay = std::chrono::milliseconds(1);
  o.max_attempts = max_attempts;
  return o;
}

// A deadline that only a hung call reaches.
inline std::chrono::steady_clock::time_point Soon(
    std::chrono::seconds in = std::chrono::seconds(30)) {
  return std::chrono::steady_clock::now() + in;
}

}  // namespace vers::testing
