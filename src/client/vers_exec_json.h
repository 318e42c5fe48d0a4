// Bodies and answers of the exec and file operations: VmExecRequest,
// VmExecStreamAttachRequest, VmWriteFileRequest, VmExecResponse, and the
// NDJSON lines of exec streams.
//
// The stream's lines, which the spec leaves out ("NDJSON stream of
// stdout/stderr chunks"), are Vers's server's VmExecStreamEvent (serde tag
// "type", snake_case): {"type":"chunk","exec_id","cursor","stream":"stdout"
// |"stderr","data_b64"} and, last, {"type":"exit","exec_id","cursor",
// "exit_code"}; hdresearch/vers_user_skills' api-cheatsheet.md describes the
// same chunks ("{timestamp,stream,data_b64,exec_id}").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "client/vers_types.h"

namespace vers::client {

// VmExecRequest {"command", "env"?, "working_dir"?, "stdin"?,
// "timeout_secs"?, "exec_id"}; an error for a string that is not UTF-8.
Result<std::string> ExecBody(const ExecRequest& r, const std::string& exec_id);
// {"exec_id", "cursor"?}: the cursor is exclusive; none replays everything.
Result<std::string> AttachBody(const std::string& exec_id, std::optional<uint64_t> cursor);
// {"path", "content_b64", "mode", "create_dirs"}.
Result<std::string> WriteFileBody(const std::string& path, std::string_view content, int mode,
                                  bool create_dirs);
// VmReadFileResponse {"content_b64"}: the file's bytes.
Result<std::string> ParseReadFile(std::string_view json);
Result<ExecResult> ParseExecResult(std::string_view json);
// One line (without its "\n"). A line of an unknown "type" is kOther.
Result<ExecStreamEvent> ParseExecStreamEvent(std::string_view line);

}  // namespace vers::client
