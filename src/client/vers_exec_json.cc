#include "client/vers_exec_json.h"

#include <simdjson.h>

#include "base/base64.h"
#include "base/json_writer.h"

namespace vers::client {
namespace {

using simdjson::dom::object;

Result<object> ParseObject(simdjson::dom::parser& parser, std::string_view json, const char* what) {
  object o;
  if (parser.parse(json.data(), json.size()).get_object().get(o) != simdjson::SUCCESS)
    return Status::Error(std::string("the Vers API's ") + what + " is not a JSON object");
  return o;
}

}  // namespace

Result<std::string> ExecBody(const ExecRequest& r, const std::string& exec_id) {
  JsonWriter w;
  w.BeginObject().Key("command").BeginArray();
  for (const auto& a : r.command) w.String(a);
  w.EndArray();
  if (!r.env.empty()) {
    w.Key("env").BeginObject();
    for (const auto& [k, v] : r.env) w.Key(k).String(v);
    w.EndObject();
  }
  if (r.working_dir) w.Key("working_dir").String(*r.working_dir);
  if (r.stdin_data) w.Key("stdin").String(*r.stdin_data);
  if (r.timeout_secs > 0) w.Key("timeout_secs").Int(r.timeout_secs);
  w.Key("exec_id").String(exec_id).EndObject();
  return w.Take();
}

Result<std::string> AttachBody(const std::string& exec_id, std::optional<uint64_t> cursor) {
  JsonWriter w;
  w.BeginObject().Key("exec_id").String(exec_id);
  if (cursor) w.Key("cursor").Uint(*cursor);
  w.EndObject();
  return w.Take();
}

Result<std::string> WriteFileBody(const std::string& path, std::string_view content, int mode,
                                  bool create_dirs) {
  JsonWriter w;
  w.BeginObject().Key("path").String(path).Key("content_b64").String(base::Base64Encode(content));
  w.Key("mode").Int(mode).Key("create_dirs").Bool(create_dirs).EndObject();
  return w.Take();
}

Result<std::string> ParseReadFile(std::string_view json) {
  simdjson::dom::parser parser;
  auto o = ParseObject(parser, json, "file answer");
  if (!o.ok()) return o.status();
  std::string_view b64;
  if (o.value()["content_b64"].get_string().get(b64) != simdjson::SUCCESS)
    return Status::Error("the Vers API's file answer lacks \"content_b64\"");
  auto bytes = base::Base64Decode(b64);
  if (!bytes) return Status::Error("the Vers API's file answer's content_b64 is not base64");
  return *std::move(bytes);
}

Result<ExecResult> ParseExecResult(std::string_view json) {
  simdjson::dom::parser parser;
  auto o = ParseObject(parser, json, "exec answer");
  if (!o.ok()) return o.status();
  ExecResult r;
  int64_t code = 0;
  if (o.value()["exit_code"].get_int64().get(code) != simdjson::SUCCESS)
    return Status::Error("the Vers API's exec answer lacks \"exit_code\"");
  r.exit_code = static_cast<int>(code);
  std::string_view text;
  if (o.value()["stdout"].get_string().get(text) == simdjson::SUCCESS) r.stdout_text = text;
  if (o.value()["stderr"].get_string().get(text) == simdjson::SUCCESS) r.stderr_text = text;
  return r;
}

Result<ExecStreamEvent> ParseExecStreamEvent(std::string_view line) {
  simdjson::dom::parser parser;
  auto o = ParseObject(parser, line, "exec stream line");
  if (!o.ok()) return o.status();
  ExecStreamEvent e;
  std::string_view type;
  if (o.value()["type"].get_string().get(type) != simdjson::SUCCESS)
    return Status::Error("the Vers API's exec stream line lacks \"type\"");
  uint64_t cursor = 0;
  if (o.value()["cursor"].get_uint64().get(cursor) != simdjson::SUCCESS)
    return Status::Error("the Vers API's exec stream line lacks \"cursor\"");
  e.cursor = cursor;
  if (type == "exit") {
    int64_t code = 0;
    if (o.value()["exit_code"].get_int64().get(code) != simdjson::SUCCESS)
      return Status::Error("the Vers API's exec stream exit lacks \"exit_code\"");
    e.kind = ExecStreamEvent::Kind::kExit;
    e.exit_code = static_cast<int>(code);
    return e;
  }
  if (type != "chunk") return e;  // kOther: a kind of line this client does not know
  std::string_view stream, b64;
  if (o.value()["stream"].get_string().get(stream) != simdjson::SUCCESS ||
      o.value()["data_b64"].get_string().get(b64) != simdjson::SUCCESS)
    return Status::Error("the Vers API's exec stream chunk lacks \"stream\" or \"data_b64\"");
  auto data = base::Base64Decode(b64);
  if (!data)
    return Status::Error("the Vers API's exec stream chunk has data_b64 that is not base64");
  e.kind = stream == "stderr" ? ExecStreamEvent::Kind::kStderr : ExecStreamEvent::Kind::kStdout;
  e.data = std::move(*data);
  return e;
}

}  // namespace vers::client
