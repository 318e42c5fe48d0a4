#include "local/api_exec_json.h"

#include <cstdint>
#include <limits>

#include "base/base64.h"
#include "base/json_writer.h"
#include "base/uuid.h"
#include "local/api_request.h"
#include "local/json_read.h"

namespace vers::local {
namespace {

constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();
constexpr int64_t kMaxInt32 = 2147483647;

// A required string field.
Outcome<std::string> RequiredString(simdjson::dom::element root, const char* key) {
  auto v = OptionalString(root, key);
  if (!v.ok()) return v.error();
  if (!v.value()) return BadRequest(std::string(key) + " is required");
  return *v.value();
}

}  // namespace

Outcome<ExecSpec> ReadExecSpec(simdjson::dom::element root) {
  ExecSpec spec;
  auto command = root["command"];
  if (command.error() || command.value_unsafe().is_null()) return BadRequest("command is required");
  if (!command.value_unsafe().is_array())
    return BadRequest(std::string("command must be an array of strings, got ") +
                      JsonTypeName(command.value_unsafe()));
  for (auto item : command.value_unsafe().get_array()) {
    if (!item.is_string())
      return BadRequest(
          std::string("command must be an array of strings, got an element of type ") +
          JsonTypeName(item));
    spec.command.emplace_back(std::string_view(item));
  }
  auto env = GetLabels(root, "env");
  if (!env.ok()) return BadRequest("env must be an object of strings or null");
  if (env.value()) spec.env = *env.value();
  auto wd = OptionalString(root, "working_dir");
  if (!wd.ok()) return wd.error();
  spec.working_dir = wd.value();
  auto in = OptionalString(root, "stdin");
  if (!in.ok()) return in.error();
  spec.stdin_data = in.value();
  auto timeout = OptionalInt(root, "timeout_secs", 0, kMaxInt64);
  if (!timeout.ok()) return timeout.error();
  spec.timeout_secs = timeout.value().value_or(0);
  auto id = OptionalUuid(root, "exec_id");
  if (!id.ok()) return id.error();
  spec.exec_id = id.value().value_or(base::NewRandomUuid());
  return spec;
}

Outcome<FileWrite> ReadFileWrite(simdjson::dom::element root) {
  FileWrite w;
  auto path = RequiredString(root, "path");
  if (!path.ok()) return path.error();
  w.path = path.value();
  auto b64 = RequiredString(root, "content_b64");
  if (!b64.ok()) return b64.error();
  auto content = base::Base64Decode(b64.value());
  if (!content) return BadRequest("content_b64 must be standard base64 (with padding)");
  w.content = std::move(*content);
  auto mode = OptionalInt(root, "mode", 0, kMaxInt32);
  if (!mode.ok()) return mode.error();
  if (mode.value()) w.mode = static_cast<uint32_t>(*mode.value());
  auto dirs = OptionalBool(root, "create_dirs");
  if (!dirs.ok()) return dirs.error();
  w.create_dirs = dirs.value().value_or(false);
  return w;
}

Outcome<AttachRequest> ReadAttach(simdjson::dom::element root) {
  AttachRequest a;
  auto id = OptionalUuid(root, "exec_id");
  if (!id.ok()) return id.error();
  if (!id.value()) return BadRequest("exec_id is required");
  a.exec_id = *id.value();
  auto cursor = OptionalInt(root, "cursor", 0, kMaxInt64);
  if (!cursor.ok()) return cursor.error();
  if (cursor.value()) a.cursor = static_cast<uint64_t>(*cursor.value());
  auto latest = OptionalBool(root, "from_latest");
  if (!latest.ok()) return latest.error();
  a.from_latest = latest.value().value_or(false);
  return a;
}

std::string StreamLine(const std::string& exec_id, const ExecEvent& e) {
  JsonWriter w;
  w.BeginObject();
  if (e.kind == ExecEvent::Kind::kExit) {
    w.Key("type").String("exit").Key("exec_id").String(exec_id);
    w.Key("cursor").Uint(e.cursor).Key("exit_code").Int(e.exit_code);
  } else {
    w.Key("type").String("chunk").Key("exec_id").String(exec_id).Key("cursor").Uint(e.cursor);
    w.Key("stream").String(e.kind == ExecEvent::Kind::kStdout ? "stdout" : "stderr");
    w.Key("data_b64").String(base::Base64Encode(e.data));
  }
  w.EndObject();
  auto text = w.Take();
  return (text.ok() ? text.value() : std::string("{}")) + "\n";
}

std::string ExecResponseJson(const std::string& exec_id, int exit_code, const std::string& out,
                             const std::string& err) {
  JsonWriter w;
  w.BeginObject().Key("exit_code").Int(exit_code);
  w.Key("stdout").String(LossyUtf8(out)).Key("stderr").String(LossyUtf8(err));
  w.Key("exec_id").String(exec_id).EndObject();
  auto text = w.Take();
  return text.ok() ? text.value() : std::string("{}");
}

std::string ReadFileJson(const std::string& bytes) {
  JsonWriter w;
  w.BeginObject().Key("content_b64").String(base::Base64Encode(bytes)).EndObject();
  auto text = w.Take();
  return text.ok() ? text.value() : std::string("{}");
}

std::string LossyUtf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80           ? 1
                 : (c >> 5) == 0x6  ? 2
                 : (c >> 4) == 0xE  ? 3
                 : (c >> 3) == 0x1E ? 4
                                    : 0;
    bool valid = len > 0 && i + len <= s.size();
    uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (size_t k = 1; valid && k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      valid = (cc & 0xC0) == 0x80;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are invalid too.
    if (valid && ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                  (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF)))
      valid = false;
    if (valid) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      i += 1;
    }
  }
  return out;
}

}  // namespace vers::local
