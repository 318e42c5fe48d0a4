#include "client/vers_client.h"

#include <cctype>
#include <cstdio>

#include "client/vers_json.h"
#include "plugin/json_writer.h"

namespace vers::client {
namespace {

std::string Bool(bool b) { return b ? "true" : "false"; }

// A JSON body from a writer that only ever sees valid UTF-8 from configs.
Result<std::string> Finish(JsonWriter& w) { return w.Take(); }

void WriteLabels(JsonWriter& w, const Labels& labels) {
  w.BeginObject();
  for (const auto& [k, v] : labels) w.Key(k).String(v);
  w.EndObject();
}

void OptionalString(JsonWriter& w, const char* key, const std::optional<std::string>& v) {
  w.Key(key);
  if (v) {
    w.String(*v);
  } else {
    w.Null();
  }
}

}  // namespace

VersClient::VersClient(HttpOptions options, const std::atomic<bool>* stop)
    : http_(std::move(options), stop) {}

Result<std::string> VersClient::Call(const std::string& method, const std::string& path,
                                     const std::string& body, Deadline d) {
  auto resp = http_.Send(HttpRequest{method, path, body}, d);
  if (!resp.ok()) return resp.status();
  const HttpResponse& r = resp.value();
  if (r.status >= 200 && r.status < 300) return r.body;
  std::string text = ParseErrorText(r.body);
  std::string message = "the Vers API refused " + method + " " + path + " (HTTP " +
                        std::to_string(r.status) + ")" + (text.empty() ? "" : ": " + text);
  switch (r.status) {
    case 404:
      return Status::NotFound(message);
    case 409:
      return Status::Conflict(message);
    case 401:
    case 403:
      return Status::Unauthorized(message + ". Check the API key (VERS_API_KEY or api_key).");
    default:
      return Status::Error(message);
  }
}

Result<std::string> VersClient::NewRootVm(const VmConfig& config, bool wait_boot, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("vm_config").BeginObject();
  if (config.vcpu_count) w.Key("vcpu_count").Int(*config.vcpu_count);
  if (config.mem_size_mib) w.Key("mem_size_mib").Int(*config.mem_size_mib);
  if (config.fs_size_mib) w.Key("fs_size_mib").Int(*config.fs_size_mib);
  if (!config.labels.empty()) {
    w.Key("labels");
    WriteLabels(w, config.labels);
  }
  w.EndObject().EndObject();
  auto body = Finish(w);
  if (!body.ok()) return body.status();
  auto r = Call("POST", "/vm/new_root?wait_boot=" + Bool(wait_boot), body.value(), d);
  if (!r.ok()) return r.status();
  return ParseField(r.value(), "vm_id");
}

Result<std::vector<Vm>> VersClient::ListVms(Deadline d) {
  auto r = Call("GET", "/vms", "", d);
  if (!r.ok()) return r.status();
  return ParseVmList(r.value());
}

Result<Vm> VersClient::GetVmStatus(const std::string& vm_id, Deadline d) {
  auto r = Call("GET", "/vm/" + EscapePathSegment(vm_id) + "/status", "", d);
  if (!r.ok()) return r.status();
  return ParseVm(r.value());
}

Result<VmMetadata> VersClient::GetVmMetadata(const std::string& vm_id, Deadline d) {
  auto r = Call("GET", "/vm/" + EscapePathSegment(vm_id) + "/metadata", "", d);
  if (!r.ok()) return r.status();
  return ParseVmMetadata(r.value());
}

Status VersClient::DeleteVm(const std::string& vm_id, Deadline d) {
  return Call("DELETE", "/vm/" + EscapePathSegment(vm_id), "", d).status();
}

Result<std::string> VersClient::CommitVm(const std::string& vm_id, const CommitOptions& options,
                                         Deadline d) {
  JsonWriter w;
  w.BeginObject();
  if (options.name) w.Key("name").String(*options.name);
  if (options.description) w.Key("description").String(*options.description);
  w.EndObject();
  auto body = Finish(w);
  if (!body.ok()) return body.status();
  auto r =
      Call("POST",
           "/vm/" + EscapePathSegment(vm_id) + "/commit?keep_paused=" + Bool(options.keep_paused),
           body.value(), d);
  if (!r.ok()) return r.status();
  return ParseField(r.value(), "commit_id");
}

Result<std::string> VersClient::RestoreFromCommit(const std::string& commit_id,
                                                  const std::string& tag_name, Deadline d) {
  JsonWriter w;
  w.BeginObject();
  if (!commit_id.empty()) {
    w.Key("commit_id").String(commit_id);
  } else {
    w.Key("tag_name").String(tag_name);
  }
  w.EndObject();
  auto body = Finish(w);
  if (!body.ok()) return body.status();
  auto r = Call("POST", "/vm/from_commit", body.value(), d);
  if (!r.ok()) return r.status();
  return ParseField(r.value(), "vm_id");
}

Result<std::vector<std::string>> VersClient::Branch(const std::string& vm_or_commit_id,
                                                    bool keep_paused, int count, Deadline d) {
  auto r = Call("POST",
                "/vm/" + EscapePathSegment(vm_or_commit_id) +
                    "/branch?keep_paused=" + Bool(keep_paused) + "&count=" + std::to_string(count),
                "", d);
  if (!r.ok()) return r.status();
  return ParseBranchVmIds(r.value());
}

Status VersClient::SetVmState(const std::string& vm_id, const std::string& state, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("state").String(state).EndObject();
  auto body = Finish(w);
  if (!body.ok()) return body.status();
  return Call("PATCH", "/vm/" + EscapePathSegment(vm_id) + "/state", body.value(), d).status();
}

Result<SshKey> VersClient::GetSshKey(const std::string& vm_id, Deadline d) {
  auto r = Call("GET", "/vm/" + EscapePathSegment(vm_id) + "/ssh_key", "", d);
  if (!r.ok()) return r.status();
  return ParseSshKey(r.value());
}

Status VersClient::ResizeDisk(const std::string& vm_id, int64_t fs_size_mib, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("fs_size_mib").Int(fs_size_mib).EndObject();
  auto body = Finish(w);
  if (!body.ok()) return body.status();
  return Call("PATCH", "/vm/" + EscapePathSegment(vm_id) + "/disk", body.value(), d).status();
}

Status VersClient::SetLabels(const std::string& vm_id, const Labels& labels, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("labels");
  WriteLabels(w, labels);
  w.EndObject();
  auto body = Finish(w);
  if (!body.ok()) return body.status();
  return Call("PATCH", "/vm/" + EscapePathSegment(vm_id) + "/label", body.value(), d).status();
}

Result<std::vector<Commit>> VersClient::ListCommits(Deadline d) {
  auto r = Call("GET", "/commits", "", d);
  if (!r.ok()) return r.status();
  return ParseCommitList(r.value());
}

Status VersClient::DeleteCommit(const std::string& commit_id, Deadline d) {
  return Call("DELETE", "/commits/" + EscapePathSegment(commit_id), "", d).status();
}

Result<Tag> VersClient::CreateTag(const std::string& name, const std::string& commit_id,
                                  const std::optional<std::string>& description, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("tag_name").String(name).Key("commit_id").String(commit_id);
  OptionalString(w, "description", description);
  w.EndObject();
  auto body = Finish(w);
  if (!body.ok()) return body.status();
  auto r = Call("POST", "/commit_tags", body.value(), d);
  if (!r.ok()) return r.status();
  return GetTag(name, d);
}

Result<Tag> VersClient::GetTag(const std::string& name, Deadline d) {
  auto r = Call("GET", "/commit_tags/" + EscapePathSegment(name), "", d);
  if (!r.ok()) return r.status();
  return ParseTag(r.value());
}

Status VersClient::UpdateTag(const std::string& name, const std::string& commit_id,
                             const std::optional<std::string>& description, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("commit_id").String(commit_id);
  OptionalString(w, "description", description);
  w.EndObject();
  auto body = Finish(w);
  if (!body.ok()) return body.status();
  return Call("PATCH", "/commit_tags/" + EscapePathSegment(name), body.value(), d).status();
}

Status VersClient::DeleteTag(const std::string& name, Deadline d) {
  return Call("DELETE", "/commit_tags/" + EscapePathSegment(name), "", d).status();
}

}  // namespace vers::client
