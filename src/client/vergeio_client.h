// VergeioClient: typed calls to the VergeIO (VergeOS) v4 API that the
// vers_vergeio_* resources use. Tables live under /api/v4/<table>.
//
// Mind the two keys of a VM: `vms/<vm key>` carries `machine`, and
// snapshots, drives and status are keyed by that machine key. A snapshot is
// also a `vms` row of its own, with is_snapshot = true and the VM's name
// (verge-io/pyVergeOS vms.py, PSVergeOS Get-VergeVM.ps1 filter them out).
//
// Every GET names the fields it reads (`fields=…`, as the official clients
// do), and every answer is read strictly (vergeio_answer.h): malformed JSON
// or a missing field is an error, never a zero value.
//
// Authentication is HTTP Basic on every call (nothing to release). GET, PUT
// and DELETE retry connection errors, 408, 429 and 5xx up to
// `retry_attempts` times, `retry_delay` apart (Retry-After wins); 4xx fail at
// once with the API's message. VergeIO has no idempotency keys, so a create
// (POST) whose answer was lost or failed is not simply sent again: the row
// is first looked for by its identity (name, and its parent), and adopted
// when it is there. The password never appears in logs or errors.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "client/http_client.h"

namespace vers::client {

// How to reach and log in to a VergeIO system; copied into the client.
struct VergeioOptions {
  std::string base_url;  // https://host:port
  std::string username;
  std::string password;  // secret
  std::string ca_cert_file;
  bool insecure = false;
  int retry_attempts = 3;  // retries after the first attempt
  std::chrono::milliseconds retry_delay{10000};
};

// A vms row as read back (the fields the provider manages).
struct VergeioVm {
  // The row key (the VM's id in the API).
  int64_t key = 0;
  // The key of its machines row (snapshots, drives hang off it).
  int64_t machine = 0;
  // Settings as VergeIO stores them; `advanced` is its free-form text.
  std::string name, description, cpu_type, advanced;
  // Cores, and RAM in MB.
  int64_t cpu_cores = 0, ram = 0;
  // Whether VergeIO says the VM needs a power cycle for changes to apply
  // (a field of vms: verge-io/docs api-vm-power-management.md).
  bool need_restart = false;
};

// What to POST to machine_snapshots.
struct VergeioSnapshotRequest {
  int64_t machine = 0;  // the VM's machine key
  std::string name, description;
  int64_t expires = 0;  // unix seconds; 0: never (then not sent)
  bool quiesce = false;
};

// A machine_snapshots row as read back.
struct VergeioSnapshot {
  int64_t key = 0, machine = 0, expires = 0, created = 0;
  std::string name, description;
  bool quiesced = false;  // read back as `quiesced`; `quiesce` is only the POST input
};

// A tags row.
struct VergeioTag {
  // The row key.
  int64_t key = 0;
  // The tag's name.
  std::string name;
};

// A tag_members row: tag `tag` on the member row `key` names.
struct VergeioMember {
  // The row key and the tag's key.
  int64_t key = 0, tag = 0;
};

// Fields of a VM to change; unset ones are left alone.
struct VergeioVmPatch {
  std::optional<int64_t> cpu_cores, ram;
  std::optional<std::string> cpu_type, description, advanced;
};

// A field of a patch that the VM, read back after the PUT, does not have.
struct VergeioUnapplied {
  std::string field;          // e.g. "cpu_type"
  std::string wanted, found;  // as JSON values: 4, "text\n"
};

// The fields of `patch` that `vm` does not carry. VergeIO answers a PUT
// `200 []` and silently ignores fields it does not know (measured on VergeOS
// 26.1.8: verge-io/ansible-collection-vergeos docs/DEFECTS-D1-D6.md, D2), so
// only a read-back tells whether a setting took.
std::vector<VergeioUnapplied> Unapplied(const VergeioVmPatch& patch, const VergeioVm& vm);

// When a call (with its retries and waits) must have finished.
using Deadline = std::chrono::steady_clock::time_point;

class VergeioClient {
 public:
  // `stop` (may be null; Ctrl-C) is read, never written, and must outlive
  // the client.
  VergeioClient(VergeioOptions options, const std::atomic<bool>* stop);

  // A VM by key ("12") or by name (snapshot rows skipped); kNotFound when
  // there is none, an error when several VMs have the name or the key is a
  // snapshot's.
  Result<VergeioVm> FindVm(const std::string& key_or_name, Deadline d);
  // The VM with key `vm_key`; kNotFound when there is none.
  Result<VergeioVm> GetVm(int64_t vm_key, Deadline d);
  // PUTs the patch and returns the VM as read back afterwards (see Unapplied).
  Result<VergeioVm> UpdateVm(int64_t vm_key, const VergeioVmPatch& patch, Deadline d);

  // Machine snapshots, by their key. Create answers the new key; a lost
  // create is found by machine and name. Get answers kNotFound for a key
  // that does not exist.
  Result<int64_t> CreateSnapshot(const VergeioSnapshotRequest& s, Deadline d);
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
  // Sends with `http` and maps answers: 2xx → body; otherwise a Status with
  // the API's words, the HTTP status and, after retries, how many attempts.
  Result<std::string> Call(HttpClient& http, const std::string& method, const std::string& path,
                           const std::string& body, Deadline d);
  Result<std::string> Call(const std::string& method, const std::string& path,
                           const std::string& body, Deadline d) {
    return Call(http_, method, path, body, d);
  }
  // GETs /v4/<table>?fields=$key&filter=<identity> and returns the keys.
  Result<std::set<int64_t>> KeysMatching(HttpClient& http, const std::string& table,
                                         const std::string& identity, Deadline d);
  // POSTs `body` to `table` and returns the new row's key. `identity` is a
  // filter that selects the row being made (e.g. "machine eq 7 and name eq
  // 'x'"): after a lost or failed answer the row is looked for with it (rows
  // that matched before the first POST do not count) before posting again.
  Result<int64_t> Create(const std::string& table, const std::string& body,
                         const std::string& identity, Deadline d);
  // Reads the VM rows of a GET on vms.
  Result<std::vector<VergeioVm>> ReadVms(const std::string& path, bool list, Deadline d);

  HttpClient http_;  // GET, PUT, DELETE: retried by HttpClient, stops on Ctrl-C
  HttpClient once_;  // POST and its reconciliation: one attempt each, seen through
  int max_attempts_;
};

}  // namespace vers::client
