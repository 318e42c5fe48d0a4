#include "local/api_json.h"

#include <optional>

#include "local/json_write.h"

namespace vers::local {
namespace {

void Vm(JsonWriter& w, const VmRecord& vm, const std::string& owner) {
  w.BeginObject().Key("vm_id").String(vm.id).Key("owner_id").String(owner);
  w.Key("created_at").String(vm.created_at).Key("state").String(vm.state);
  w.Key("labels").BeginObject();
  for (const auto& [k, v] : vm.labels) w.Key(k).String(v);
  w.EndObject().EndObject();
}

void Commit(JsonWriter& w, const CommitRecord& c, const std::string& owner, const char* id_key) {
  w.BeginObject().Key(id_key).String(c.id).Key("owner_id").String(owner);
  w.Key("name").String(c.name).Key("created_at").String(c.created_at);
  w.Key("is_public").Bool(c.is_public);
  OptString(w, "description", c.description);
  OptString(w, "parent_vm_id", c.parent_vm_id);
  OptString(w, "grandparent_commit_id", c.grandparent_commit_id);
  w.EndObject();
}

void Tag(JsonWriter& w, const TagRecord& t) {
  w.BeginObject().Key("tag_id").String(t.id).Key("tag_name").String(t.name);
  w.Key("commit_id").String(t.commit_id);
  OptString(w, "description", t.description);
  w.Key("created_at").String(t.created_at).Key("updated_at").String(t.updated_at);
  w.EndObject();
}

}  // namespace

std::string ErrorJson(const std::string& message) {
  JsonWriter w;
  w.BeginObject().Key("error").String(message).Key("success").Bool(false).EndObject();
  return FinishJson(w);
}

std::string VmJson(const VmRecord& vm, const std::string& owner_id) {
  return WriteJson([&](JsonWriter& w) { Vm(w, vm, owner_id); });
}

std::string VmListJson(const std::vector<VmRecord>& vms, const std::string& owner_id) {
  JsonWriter w;
  w.BeginArray();
  for (const auto& vm : vms) Vm(w, vm, owner_id);
  w.EndArray();
  return FinishJson(w);
}

std::string VmMetadataJson(const VmRecord& vm, const std::string& owner_id) {
  JsonWriter w;
  w.BeginObject().Key("vm_id").String(vm.id).Key("owner_id").String(owner_id);
  w.Key("created_at").String(vm.created_at).Key("state").String(vm.state);
  w.Key("ip").String("127.0.0.1").Key("deleted_at").Null();
  OptString(w, "parent_commit_id", vm.parent_commit_id);
  OptString(w, "grandparent_vm_id", vm.grandparent_vm_id);
  w.EndObject();
  return FinishJson(w);
}

std::string VmIdJson(const std::string& vm_id) {
  JsonWriter w;
  w.BeginObject().Key("vm_id").String(vm_id).EndObject();
  return FinishJson(w);
}

std::string VmIdsJson(const std::vector<std::string>& ids) {
  JsonWriter w;
  w.BeginObject().Key("vms").BeginArray();
  for (const auto& id : ids) w.BeginObject().Key("vm_id").String(id).EndObject();
  w.EndArray().EndObject();
  return FinishJson(w);
}

std::string BranchErrorJson(const std::string& message) {
  JsonWriter w;
  w.BeginObject().Key("vms").BeginArray().EndArray();
  w.Key("error").String(message).Key("success").Bool(false).EndObject();
  return FinishJson(w);
}

std::string CommitIdJson(const std::string& commit_id) {
  JsonWriter w;
  w.BeginObject().Key("commit_id").String(commit_id).EndObject();
  return FinishJson(w);
}

std::string SshKeyJson(const std::string& private_key, int port) {
  JsonWriter w;
  w.BeginObject().Key("ssh_private_key").String(private_key).Key("ssh_port").Int(port);
  w.EndObject();
  return FinishJson(w);
}

std::string CommitInfoJson(const CommitRecord& c, const std::string& owner_id) {
  return WriteJson([&](JsonWriter& w) { Commit(w, c, owner_id, "commit_id"); });
}

std::string CommitListJson(const std::vector<CommitRecord>& page, size_t total, int64_t limit,
                           int64_t offset, const std::string& owner_id) {
  JsonWriter w;
  w.BeginObject().Key("commits").BeginArray();
  for (const auto& c : page) Commit(w, c, owner_id, "commit_id");
  w.EndArray().Key("total").Uint(total).Key("limit").Int(limit).Key("offset").Int(offset);
  w.EndObject();
  return FinishJson(w);
}

std::string CommitEntitiesJson(const std::vector<CommitRecord>& chain,
                               const std::string& owner_id) {
  JsonWriter w;
  w.BeginArray();
  for (const auto& c : chain) Commit(w, c, owner_id, "id");
  w.EndArray();
  return FinishJson(w);
}

std::string TagInfoJson(const TagRecord& t) {
  return WriteJson([&](JsonWriter& w) { Tag(w, t); });
}

std::string TagListJson(const std::vector<TagRecord>& tags) { return ListJson("tags", tags, Tag); }

std::string CreateTagJson(const TagRecord& t) {
  JsonWriter w;
  w.BeginObject().Key("tag_id").String(t.id).Key("tag_name").String(t.name);
  w.Key("commit_id").String(t.commit_id).EndObject();
  return FinishJson(w);
}

std::string CountersJson(const std::map<std::string, int64_t>& counters) {
  JsonWriter w;
  w.BeginObject();
  for (const auto& [k, v] : counters) w.Key(k).Int(v);
  w.EndObject();
  return FinishJson(w);
}

}  // namespace vers::local
