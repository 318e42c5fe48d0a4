#include "client/vers_bodies.h"

#include "base/json_writer.h"
#include "client/vers_client.h"

namespace vers::client {
namespace {

void WriteLabels(JsonWriter& w, const Labels& labels) {
  w.BeginObject();
  for (const auto& [k, v] : labels) w.Key(k).String(v);
  w.EndObject();
}

}  // namespace

Result<std::string> NewRootBody(const VmConfig& config, const std::string& token) {
  JsonWriter w;
  w.BeginObject().Key("vm_config").BeginObject();
  if (config.vcpu_count) w.Key("vcpu_count").Int(*config.vcpu_count);
  if (config.mem_size_mib) w.Key("mem_size_mib").Int(*config.mem_size_mib);
  if (config.fs_size_mib) w.Key("fs_size_mib").Int(*config.fs_size_mib);
  Labels labels = config.labels;
  if (!token.empty()) labels[kCreateTokenLabel] = token;
  if (!labels.empty()) {
    w.Key("labels");
    WriteLabels(w, labels);
  }
  w.EndObject().EndObject();
  return w.Take();
}

Result<std::string> CommitBody(const std::string& commit_id, const CommitOptions& options) {
  JsonWriter w;
  w.BeginObject().Key("commit_id").String(commit_id);
  if (options.name) w.Key("name").String(*options.name);
  if (options.description) w.Key("description").String(*options.description);
  w.EndObject();
  return w.Take();
}

Result<std::string> UpdateCommitBody(bool is_public, const std::optional<std::string>& name,
                                     const std::optional<std::string>& description) {
  JsonWriter w;
  w.BeginObject().Key("is_public").Bool(is_public);
  if (name) w.Key("name").String(*name);
  if (description) w.Key("description").String(*description);
  w.EndObject();
  return w.Take();
}

Result<std::string> FromCommitBody(const std::string& commit_id, const std::string& tag_name) {
  JsonWriter w;
  w.BeginObject();
  if (!commit_id.empty()) {
    w.Key("commit_id").String(commit_id);
  } else {
    w.Key("tag_name").String(tag_name);
  }
  w.EndObject();
  return w.Take();
}

Result<std::string> TagBody(const std::string& name, const std::string& commit_id,
                            const std::optional<std::string>& description) {
  JsonWriter w;
  w.BeginObject();
  if (!name.empty()) w.Key("tag_name").String(name);
  w.Key("commit_id").String(commit_id).Key("description");
  if (description) {
    w.String(*description);
  } else {
    w.Null();
  }
  w.EndObject();
  return w.Take();
}

Result<std::string> LabelsBody(const Labels& labels) {
  JsonWriter w;
  w.BeginObject().Key("labels");
  WriteLabels(w, labels);
  w.EndObject();
  return w.Take();
}

Result<std::string> StateBody(const std::string& state) {
  JsonWriter w;
  w.BeginObject().Key("state").String(state).EndObject();
  return w.Take();
}

Result<std::string> DiskBody(int64_t fs_size_mib) {
  JsonWriter w;
  w.BeginObject().Key("fs_size_mib").Int(fs_size_mib).EndObject();
  return w.Take();
}

}  // namespace vers::client
