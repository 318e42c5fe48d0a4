// VergeioClient: typed calls to the VergeIO (VergeOS) v4 API that the
// vers_vergeio_* resources use. Tables live under /api/v4/<table>; rows carry
// an integer "$key"; errors are {"err": "..."}.
//
// Mind the two keys of a VM: `vms/<vm key>` carries `machine`, and
// snapshots, drives and status are keyed by that machine key.
//
// Authentication is HTTP Basic on every call (nothing to release). Calls
// retry connection errors, 408, 429 and 5xx up to `retry_attempts` times,
// `retry_delay` apart (Retry-After wins); 4xx fail at once with the API's
// message. The password never appears in logs or errors. Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "client/http_client.h"

namespace vers::client {

struct VergeioOptions {
  std::string base_url;  // https://host:port
  std::string username;
  std::string password;  // secret
  std::string ca_cert_file;
  bool insecure = false;
  int retry_attempts = 3;  // retries after the first attempt
  std::chrono::milliseconds retry_delay{10000};
};

struct VergeioVm {
  int64_t key = 0;
  int64_t machine = 0;
  std::string name, description, cpu_type, advanced;
  int64_t cpu_cores = 0, ram = 0;
};

struct VergeioSnapshot {
  int64_t key = 0, machine = 0, expires = 0, created = 0;
  std::string name, description;
  bool quiesce = false;
};

struct VergeioTag {
  int64_t key = 0;
  std::string name;
};

struct VergeioMember {
  int64_t key = 0, tag = 0;
};

// Fields of a VM to change; unset ones are left alone.
struct VergeioVmPatch {
  std::optional<int64_t> cpu_cores, ram;
  std::optional<std::string> cpu_type, description, advanced;
};

using Deadline = std::chrono::steady_clock::time_point;

class VergeioClient {
 public:
  VergeioClient(VergeioOptions options, const std::atomic<bool>* stop);

  // A VM by key ("12") or by name; kNotFound when there is none.
  Result<VergeioVm> FindVm(const std::string& key_or_name, Deadline d);
  Result<VergeioVm> GetVm(int64_t vm_key, Deadline d);
  Status UpdateVm(int64_t vm_key, const VergeioVmPatch& patch, Deadline d);
  // Whether the VM's machine needs a power cycle for changes to apply.
  Result<bool> NeedsRestart(int64_t machine_key, Deadline d);

  Result<int64_t> CreateSnapshot(const VergeioSnapshot& s, Deadline d);
  Result<VergeioSnapshot> GetSnapshot(int64_t key, Deadline d);
  Status DeleteSnapshot(int64_t key, Deadline d);

  // The tag category `name` (taggable for VMs), created when missing.
  Result<int64_t> EnsureCategory(const std::string& name, Deadline d);
  Result<std::vector<VergeioTag>> TagsIn(int64_t category, Deadline d);
  Result<int64_t> CreateTag(int64_t category, const std::string& name, Deadline d);
  Status DeleteTag(int64_t tag, Deadline d);
  // Members naming `vms/<vm_key>`.
  Result<std::vector<VergeioMember>> MembersOf(int64_t vm_key, Deadline d);
  Result<int64_t> AddMember(int64_t tag, int64_t vm_key, Deadline d);
  Status DeleteMember(int64_t member, Deadline d);
  // How many members a tag has (any VM).
  Result<size_t> CountMembersOfTag(int64_t tag, Deadline d);

 private:
  // Sends and maps answers: 2xx → body; otherwise a Status with the API's
  // "err" text, the HTTP status and, after retries, how many attempts.
  Result<std::string> Call(const std::string& method, const std::string& path,
                           const std::string& body, Deadline d);
  Result<int64_t> Create(const std::string& table, const std::string& body, Deadline d);

  HttpClient http_;
  int max_attempts_;
};

// Escapes a string literal for a VergeIO filter: 'it''s'.
std::string FilterLiteral(const std::string& s);

}  // namespace vers::client
