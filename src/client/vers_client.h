// VersClient: one typed function per Vers API endpoint the provider uses.
//
// Every call takes a deadline; transport retries, idempotency keys and
// cancellation come from HttpClient. API errors become Status values whose
// message carries the API's own error text and the HTTP status, with codes
// kNotFound (404), kConflict (409) and kUnauthorized (401/403) for callers to
// branch on. Thread-safe.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "client/http_client.h"
#include "client/vers_types.h"

namespace vers::client {

using Deadline = std::chrono::steady_clock::time_point;

class VersClient {
 public:
  VersClient(HttpOptions options, const std::atomic<bool>* stop);

  Result<std::string> NewRootVm(const VmConfig& config, bool wait_boot, Deadline d);
  Result<std::vector<Vm>> ListVms(Deadline d);
  Result<Vm> GetVmStatus(const std::string& vm_id, Deadline d);
  Result<VmMetadata> GetVmMetadata(const std::string& vm_id, Deadline d);
  Status DeleteVm(const std::string& vm_id, Deadline d);
  Result<std::string> CommitVm(const std::string& vm_id, const CommitOptions& options, Deadline d);
  // Exactly one of commit_id / tag_name is non-empty.
  Result<std::string> RestoreFromCommit(const std::string& commit_id, const std::string& tag_name,
                                        Deadline d);
  Result<std::vector<std::string>> Branch(const std::string& vm_or_commit_id, bool keep_paused,
                                          int count, Deadline d);
  // state: "Paused" or "Running".
  Status SetVmState(const std::string& vm_id, const std::string& state, Deadline d);
  Result<SshKey> GetSshKey(const std::string& vm_id, Deadline d);
  Status ResizeDisk(const std::string& vm_id, int64_t fs_size_mib, Deadline d);
  Status SetLabels(const std::string& vm_id, const Labels& labels, Deadline d);
  Result<std::vector<Commit>> ListCommits(Deadline d);
  Status DeleteCommit(const std::string& commit_id, Deadline d);
  Result<Tag> CreateTag(const std::string& name, const std::string& commit_id,
                        const std::optional<std::string>& description, Deadline d);
  Result<Tag> GetTag(const std::string& name, Deadline d);
  Status UpdateTag(const std::string& name, const std::string& commit_id,
                   const std::optional<std::string>& description, Deadline d);
  Status DeleteTag(const std::string& name, Deadline d);

  uint64_t requests_sent() const { return http_.requests_sent(); }

 private:
  // Sends and maps non-2xx answers to Status (with the API's error text).
  Result<std::string> Call(const std::string& method, const std::string& path,
                           const std::string& body, Deadline d);
  HttpClient http_;
};

}  // namespace vers::client
