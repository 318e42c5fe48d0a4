// Bodies of the exec and file operations: VmExecRequest, VmWriteFileRequest,
// VmExecStreamAttachRequest read strictly (400 naming the field); responses
// and the NDJSON lines of exec streams written.
//
// The stream lines are those of Vers's server (its VmExecStreamEvent, serde
// tag "type", snake_case): {"type":"chunk","exec_id","cursor","stream",
// "data_b64"} per stdout/stderr chunk and a last {"type":"exit","exec_id",
// "cursor","exit_code"}, each a JSON object and "\n" (application/x-ndjson).
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>

#include "local/outcome.h"
#include "local/vm_exec.h"

namespace vers::local {

// VmExecRequest; a missing exec_id is given a new UUID.
Outcome<ExecSpec> ReadExecSpec(simdjson::dom::element root);

struct FileWrite {  // VmWriteFileRequest, content decoded
  std::string path;
  std::string content;
  uint32_t mode = 0644;  // "Defaults to 0644 if omitted"
  bool create_dirs = false;
};
Outcome<FileWrite> ReadFileWrite(simdjson::dom::element root);

struct AttachRequest {  // VmExecStreamAttachRequest
  std::string exec_id;
  std::optional<uint64_t> cursor;
  bool from_latest = false;
};
Outcome<AttachRequest> ReadAttach(simdjson::dom::element root);

// One NDJSON line (with its "\n") for `e` of exec `exec_id`.
std::string StreamLine(const std::string& exec_id, const ExecEvent& e);

// VmExecResponse; stdout and stderr are decoded as UTF-8, lossily (invalid
// bytes become U+FFFD), as the spec says.
std::string ExecResponseJson(const std::string& exec_id, int exit_code, const std::string& out,
                             const std::string& err);

// VmReadFileResponse: {"content_b64"}, the file's bytes.
std::string ReadFileJson(const std::string& bytes);

// `bytes` as valid UTF-8: every invalid sequence replaced by U+FFFD.
std::string LossyUtf8(const std::string& bytes);

}  // namespace vers::local
