// VersClient's exec and file calls against FakeExec (the spec's bodies, the
// NDJSON framing of Vers's server): output in order, the exit code, a cut
// stream resumed with exec/stream/attach from the last cursor and never by
// running the command again, a stream ended without an exit, Ctrl-C.
#include <catch2/catch.hpp>

#include "base/base64.h"
#include "client/vers_client.h"
#include "client/vers_exec_json.h"
#include "test/client/client_options.h"
#include "test/client/fake_exec.h"

namespace vers::client {
namespace {

using testing::FakeExec;

HttpOptions Options(const FakeExec& api) {
  HttpOptions o = testing::TestServerOptions(api, 6);
  o.max_delay = std::chrono::milliseconds(5);
  return o;
}

auto Soon() { return testing::Soon(std::chrono::seconds(60)); }

ExecRequest Emit(std::vector<std::string> chunks) {
  ExecRequest r;
  r.command = {"emit"};
  for (auto& c : chunks) r.command.push_back(c);
  return r;
}

struct Collected {
  std::string out;
  VersClient::ExecOutput sink() {
    return [this](bool, std::string_view b) { out.append(b); };
  }
};

}  // namespace

TEST_CASE("an exec stream hands the output over in order and answers the exit code",
          "[client][exec]") {
  FakeExec api;
  api.exit_code = 3;
  api.Start();
  VersClient client(Options(api), nullptr);
  Collected c;
  ExecRequest r = Emit({"one ", "two ", "three"});
  r.env = {{"GREETING", "hi"}};
  r.working_dir = "/srv";
  r.timeout_secs = 30;
  auto code = client.ExecStream("vm-1", r, c.sink(), Soon());
  REQUIRE(code.ok());
  CHECK(code.value() == 3);
  CHECK(c.out == "one two three");
  REQUIRE(api.exec_bodies.size() == 1);
  // VmExecRequest: argv, env, working_dir, timeout_secs, and an exec_id of
  // the client's own (so that it can re-attach).
  const std::string& body = api.exec_bodies[0];
  CHECK(body.find(R"("env":{"GREETING":"hi"})") != std::string::npos);
  CHECK(body.find(R"("working_dir":"/srv")") != std::string::npos);
  CHECK(body.find(R"("timeout_secs":30)") != std::string::npos);
  CHECK(api.sessions[0].exec_id.size() == 36);
  CHECK(api.attach_bodies.empty());
}

TEST_CASE("a stream cut mid-command is re-attached from its last cursor, not run again",
          "[client][exec]") {
  FakeExec api;
  api.cut_after = {2, 1};  // the exec stream after 2 lines, the first attach after 1
  api.Start();
  VersClient client(Options(api), nullptr);
  Collected c;
  auto code = client.ExecStream("vm-1", Emit({"a", "b", "c", "d"}), c.sink(), Soon());
  REQUIRE(code.ok());
  CHECK(code.value() == 0);
  CHECK(c.out == "abcd");  // nothing lost, nothing twice
  CHECK(api.exec_bodies.size() == 1);
  REQUIRE(api.attach_bodies.size() == 2);
  const std::string id = api.sessions[0].exec_id;
  CHECK(api.attach_bodies[0] == R"({"exec_id":")" + id + R"(","cursor":2})");
  CHECK(api.attach_bodies[1] == R"({"exec_id":")" + id + R"(","cursor":3})");
}

TEST_CASE("a stream that ends without its exit, also when re-attached, is an error",
          "[client][exec]") {
  FakeExec api;
  api.omit_exit = true;
  api.Start();
  VersClient client(Options(api), nullptr);
  Collected c;
  auto code = client.ExecStream("vm-1", Emit({"x"}), c.sink(), Soon());
  REQUIRE_FALSE(code.ok());
  CHECK(code.status().message().find("ended without its exit status") != std::string::npos);
  CHECK(c.out == "x");
  CHECK(api.exec_bodies.size() == 1);
}

TEST_CASE("an exec the API refuses is an error with the API's text", "[client][exec]") {
  FakeExec api;
  api.exec_error = "Failed to spawn process: No such file or directory (os error 2)";
  api.Start();
  VersClient client(Options(api), nullptr);
  Collected c;
  auto code = client.ExecStream("vm-1", Emit({}), c.sink(), Soon());
  REQUIRE_FALSE(code.ok());
  CHECK(code.status().message().find("HTTP 500") != std::string::npos);
  CHECK(code.status().message().find("Failed to spawn process") != std::string::npos);
  CHECK(api.exec_bodies.size() == 1);  // a 500 may have run it: not sent again
}

TEST_CASE("Ctrl-C ends the wait for a long command with kCancelled", "[client][exec]") {
  FakeExec api;
  api.endless = true;
  api.Start();
  std::atomic<bool> stop{false};
  VersClient client(Options(api), &stop);
  auto code = client.ExecStream(
      "vm-1", Emit({"started"}), [&stop](bool, std::string_view) { stop = true; }, Soon());
  REQUIRE_FALSE(code.ok());
  CHECK(code.status().code() == Status::Code::kCancelled);
}

TEST_CASE("a file is written with its content in base64, mode and create_dirs", "[client][exec]") {
  FakeExec api;
  api.Start();
  VersClient client(Options(api), nullptr);
  std::string content("\x00\xff binary\n", 10);
  REQUIRE(client.WriteFile("vm-1", "/etc/app/conf", content, 0640, true, Soon()).ok());
  REQUIRE(api.file_bodies.size() == 1);
  CHECK(api.file_bodies[0] == R"({"path":"/etc/app/conf","content_b64":")" +
                                  base::Base64Encode(content) +
                                  R"(","mode":416,"create_dirs":true})");
}

TEST_CASE("exec stream lines parse as chunks, exits, or lines of other kinds", "[client][exec]") {
  auto chunk = ParseExecStreamEvent(
      R"({"type":"chunk","exec_id":null,"cursor":5,"stream":"stderr","data_b64":"aGVsbG8="})");
  REQUIRE(chunk.ok());
  CHECK(chunk.value().kind == ExecStreamEvent::Kind::kStderr);
  CHECK(chunk.value().cursor == 5);
  CHECK(chunk.value().data == "hello");
  auto exit = ParseExecStreamEvent(R"({"type":"exit","exec_id":null,"cursor":10,"exit_code":-1})");
  REQUIRE(exit.ok());
  CHECK(exit.value().kind == ExecStreamEvent::Kind::kExit);
  CHECK(exit.value().exit_code == -1);
  auto other = ParseExecStreamEvent(R"({"type":"heartbeat","cursor":11})");
  REQUIRE(other.ok());
  CHECK(other.value().kind == ExecStreamEvent::Kind::kOther);
  CHECK_FALSE(ParseExecStreamEvent(R"({"type":"chunk","cursor":1,"stream":"stdout",
      "data_b64":"not base64!"})")
                  .ok());
  CHECK_FALSE(ParseExecStreamEvent("not json").ok());
}

}  // namespace vers::client
