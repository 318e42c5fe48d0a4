// vers-local's exec sessions and exec bodies, without VMs (test/local/exec.sh
// runs them in real VMs). Sources of the expected behaviour:
//  - orchestrator.openapi.json: VmExecRequest (command required, env a string
//    map, timeout_secs >= 0, exec_id a UUID), VmWriteFileRequest (mode
//    "Defaults to 0644 if omitted"), VmExecStreamAttachRequest (cursor
//    "resume from (exclusive). If omitted, the full retained backlog is
//    replayed"), VmExecResponse ("UTF-8 decoded stdout (lossy)");
//  - Vers's server source (its VmExecStreamEvent: serde tag "type",
//    snake_case, chunk {exec_id, cursor, stream, data_b64} and exit
//    {exec_id, cursor, exit_code}) and its in-VM agent (a cursor older than
//    the retained backlog is CURSOR_TOO_OLD).
#include <catch2/catch.hpp>

#include "local/api_exec_json.h"
#include "local/json_read.h"
#include "local/vm_exec.h"

namespace vers::local {
namespace {

ExecSession::Batch Now(ExecSession& s, std::optional<uint64_t> after) {
  return s.After(after, std::chrono::milliseconds(0));
}

Outcome<ExecSpec> Spec(const std::string& json) {
  JsonDoc doc;
  REQUIRE(doc.Parse(json).ok());
  return ReadExecSpec(doc.root());
}

}  // namespace

TEST_CASE("exec session events are numbered from 1 and replayed after a cursor, exclusive",
          "[local][exec]") {
  ExecSession s("e");
  s.Append(ExecEvent::Kind::kStdout, "a");
  s.Append(ExecEvent::Kind::kStderr, "b");
  s.Exit(7);
  auto all = Now(s, std::nullopt);
  REQUIRE(all.events.size() == 3);
  CHECK(all.events[0].cursor == 1);
  CHECK(all.events[2].kind == ExecEvent::Kind::kExit);
  CHECK(all.events[2].exit_code == 7);
  CHECK(all.ended);
  auto rest = Now(s, 1);
  REQUIRE(rest.events.size() == 2);
  CHECK(rest.events[0].cursor == 2);
  CHECK(Now(s, 3).events.empty());
  CHECK(s.LatestCursor() == 3);
}

TEST_CASE("a session that fails ends without an exit event", "[local][exec]") {
  ExecSession s("e");
  s.MarkStarted();
  s.Append(ExecEvent::Kind::kStdout, "partial");
  s.Fail("Command timed out after 1 seconds");
  auto b = Now(s, std::nullopt);
  CHECK(b.ended);
  REQUIRE(b.failure);
  CHECK(*b.failure == "Command timed out after 1 seconds");
  REQUIRE(b.events.size() == 1);
  CHECK(b.events[0].kind == ExecEvent::Kind::kStdout);
}

TEST_CASE("a cursor before the retained backlog is too old; none replays what is kept",
          "[local][exec]") {
  ExecSession s("e");
  std::string big(20u << 20, 'x');  // two of these pass the 32 MiB kept
  s.Append(ExecEvent::Kind::kStdout, big);
  s.Append(ExecEvent::Kind::kStdout, big);
  s.Append(ExecEvent::Kind::kStdout, "tail");
  auto old = Now(s, 0);
  REQUIRE(old.too_old);
  CHECK(*old.too_old == 2);
  auto kept = Now(s, std::nullopt);
  CHECK_FALSE(kept.too_old);
  REQUIRE(kept.events.size() == 2);
  CHECK(kept.events[0].cursor == 2);
}

TEST_CASE("a start that fails is reported to whoever waits for the start", "[local][exec]") {
  ExecSession s("e");
  s.MarkStartFailed("Failed to spawn process: nope: No such file or directory (os error 2)");
  auto why = s.WaitStarted();
  REQUIRE(why);
  CHECK(why->find("Failed to spawn process") == 0);
}

TEST_CASE("VmExecRequest is read strictly", "[local][exec]") {
  auto ok = Spec(R"({"command":["ls","-l"],"env":{"A":"1"},"working_dir":"/tmp",
      "stdin":"x","timeout_secs":5,"exec_id":"550e8400-e29b-41d4-a716-446655440000"})");
  REQUIRE(ok.ok());
  CHECK(ok.value().command == std::vector<std::string>{"ls", "-l"});
  CHECK(ok.value().env.at("A") == "1");
  CHECK(ok.value().timeout_secs == 5);
  CHECK(ok.value().exec_id == "550e8400-e29b-41d4-a716-446655440000");
  auto minimal = Spec(R"({"command":["true"],"env":null,"timeout_secs":null})");
  REQUIRE(minimal.ok());
  CHECK(minimal.value().exec_id.size() == 36);  // one is made up
  CHECK(minimal.value().timeout_secs == 0);
  for (const char* bad :
       {R"({})", R"({"command":"ls"})", R"({"command":[1]})",
        R"({"command":["x"],"timeout_secs":-1})", R"({"command":["x"],"env":{"A":1}})",
        R"({"command":["x"],"exec_id":"nope"})"}) {
    auto r = Spec(bad);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().status == 400);
  }
}

TEST_CASE("VmWriteFileRequest: mode defaults to 0644, content is padded base64", "[local][exec]") {
  JsonDoc doc;
  REQUIRE(doc.Parse(R"({"path":"/a","content_b64":"aGk="})").ok());
  auto w = ReadFileWrite(doc.root());
  REQUIRE(w.ok());
  CHECK(w.value().content == "hi");
  CHECK(w.value().mode == 0644);
  CHECK_FALSE(w.value().create_dirs);
  REQUIRE(doc.Parse(R"({"path":"/a","content_b64":"aGk"})").ok());
  CHECK(ReadFileWrite(doc.root()).error().status == 400);
}

TEST_CASE("stream lines are Vers's VmExecStreamEvent, one JSON object per line", "[local][exec]") {
  ExecEvent chunk{3, ExecEvent::Kind::kStderr, "hi", 0};
  CHECK(StreamLine("id", chunk) ==
        R"({"type":"chunk","exec_id":"id","cursor":3,"stream":"stderr","data_b64":"aGk="})"
        "\n");
  ExecEvent exit{4, ExecEvent::Kind::kExit, "", -1};
  CHECK(StreamLine("id", exit) == R"({"type":"exit","exec_id":"id","cursor":4,"exit_code":-1})"
                                  "\n");
}

TEST_CASE("exec output is decoded as UTF-8 lossily", "[local][exec]") {
  CHECK(LossyUtf8("ok \xc3\xa9") == "ok \xc3\xa9");
  CHECK(LossyUtf8("a\xff"
                  "b") ==
        "a\xef\xbf\xbd"
        "b");
  CHECK(LossyUtf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  // a surrogate
  CHECK(LossyUtf8("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");                  // overlong
}

}  // namespace vers::local
