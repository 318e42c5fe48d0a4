// The JSON bodies of the Vers API requests the provider sends
// (orchestrator.openapi.json request schemas). Each returns the body, or an
// error when a value cannot be written as JSON.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "client/vers_types.h"

namespace vers::client {

// NewRootRequest: {"vm_config": {sizes, labels}}; `token`, when non-empty,
// is added as the kCreateTokenLabel label.
Result<std::string> NewRootBody(const VmConfig& config, const std::string& token);
// VmCommitRequest: {"commit_id", "name"?, "description"?}.
Result<std::string> CommitBody(const std::string& commit_id, const CommitOptions& options);
// UpdateCommitRequest: {"is_public", "name"?, "description"?}.
Result<std::string> UpdateCommitBody(bool is_public, const std::optional<std::string>& name,
                                     const std::optional<std::string>& description);
// FromCommitVmRequest: {"commit_id"} or, when it is empty, {"tag_name"}.
Result<std::string> FromCommitBody(const std::string& commit_id, const std::string& tag_name);
// CreateTagRequest (`name` non-empty) or UpdateTagRequest (`name` empty).
Result<std::string> TagBody(const std::string& name, const std::string& commit_id,
                            const std::optional<std::string>& description);
// {"labels": {...}}, {"state": "Paused"}, {"fs_size_mib": N}.
Result<std::string> LabelsBody(const Labels& labels);
Result<std::string> StateBody(const std::string& state);
Result<std::string> DiskBody(int64_t fs_size_mib);

// "true" / "false" for a query string.
inline std::string QueryBool(bool b) { return b ? "true" : "false"; }

}  // namespace vers::client
