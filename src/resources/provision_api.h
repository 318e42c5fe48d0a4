// vers_provision with transport = "api": files through PUT /vm/{id}/files
// and commands through POST /vm/{id}/exec/stream (client/vers_client.h), no
// SSH. The same guarantees as the SSH transport: files are checked on the VM
// by size and SHA-256 before they are put in place (all or none), a failed
// command is a diagnostic with its exit status and the tail of its output,
// and Ctrl-C stops the command on the VM.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "client/vers_client.h"
#include "plugin/diagnostics.h"
#include "resources/framework.h"
#include "resources/provision_inputs.h"

namespace vers::resources {

// Files are sent in pieces of this many bytes (a request body stays under
// 2 MiB once base64-encoded, axum's default body limit), joined on the VM.
inline constexpr size_t kApiUploadChunk = 1u << 20;

// Uploads every file of `in` under temporary names next to their
// destinations, checks their size and SHA-256 on the VM, then renames them
// into place; on any failure an error diagnostic on the files element
// concerned and every temporary removed. Returns the bytes uploaded.
std::optional<uint64_t> UploadAllOverApi(client::VersClient& api, const ProvisionInputs& in,
                                         client::Deadline deadline, Diagnostics& diags);

// Runs `commands` in order with the inputs' environment and working
// directory, each under `per_command` (the API's timeout_secs, rounded up);
// output lines are logged. The first failure is a diagnostic on
// `attribute`[i]: its exit status and the last lines of its output, or why
// it could not run. Ctrl-C (the client's stop flag) or the deadline stops
// the running command on the VM.
bool RunCommandsOverApi(client::VersClient& api, const ProvisionInputs& in,
                        const std::vector<std::string>& commands, const std::string& attribute,
                        std::optional<std::chrono::milliseconds> per_command,
                        client::Deadline deadline, std::string& summary, Diagnostics& diags);

// Files, then commands, then `sync`: what a create does over the API. The
// summary ("N files (B bytes, verified); M commands (exit codes ...)"), or
// nullopt after an error diagnostic.
std::optional<std::string> ProvisionOverApi(client::VersClient& api, const ProvisionInputs& in,
                                            std::optional<std::chrono::milliseconds> per_command,
                                            client::Deadline deadline, Diagnostics& diags);

// Runs `script` with /bin/sh through POST /vm/{id}/exec: the helper
// commands of the upload. Its stdout, or an error naming `what` with the
// exit status and stderr.
Result<std::string> RunHelperOverApi(client::VersClient& api, const std::string& vm_id,
                                     const std::string& what, const std::string& script,
                                     client::Deadline deadline, bool see_through = false);

}  // namespace vers::resources
