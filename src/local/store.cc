#include "local/store.h"

#include "base/json_writer.h"
#include "base/uuid.h"
#include "local/fs.h"
#include "local/ids.h"
#include "local/json_read.h"

namespace vers::local {
namespace {

void OptString(JsonWriter& w, const char* key, const std::optional<std::string>& v) {
  w.Key(key);
  if (v) {
    w.String(*v);
  } else {
    w.Null();
  }
}

void StringList(JsonWriter& w, const char* key, const std::vector<std::string>& v) {
  w.Key(key).BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

void LabelsJson(JsonWriter& w, const Labels& l) {
  w.BeginObject();
  for (const auto& [k, v] : l) w.Key(k).String(v);
  w.EndObject();
}

std::vector<std::string> ReadList(simdjson::dom::element obj, const char* key) {
  std::vector<std::string> out;
  auto f = obj[key];
  if (f.error() || !f.value_unsafe().is_array()) return out;
  for (auto e : simdjson::dom::array(f.value_unsafe())) {
    if (e.is_string()) out.emplace_back(std::string_view(e));
  }
  return out;
}

}  // namespace

std::string StateToJson(const State& s) {
  JsonWriter w;
  w.BeginObject().Key("version").Int(1).Key("owner_id").String(s.owner_id);
  w.Key("vms").BeginArray();
  for (const auto& [id, v] : s.vms) {
    w.BeginObject().Key("id").String(v.id).Key("created_at").String(v.created_at);
    w.Key("state").String(v.state).Key("labels");
    LabelsJson(w, v.labels);
    w.Key("vcpu_count").Int(v.vcpu_count).Key("mem_size_mib").Int(v.mem_size_mib);
    w.Key("fs_size_mib").Int(v.fs_size_mib);
    OptString(w, "parent_commit_id", v.parent_commit_id);
    OptString(w, "grandparent_vm_id", v.grandparent_vm_id);
    StringList(w, "layers", v.layers);
    w.EndObject();
  }
  w.EndArray().Key("commits").BeginArray();
  for (const auto& [id, c] : s.commits) {
    w.BeginObject().Key("id").String(c.id).Key("name").String(c.name);
    OptString(w, "description", c.description);
    w.Key("created_at").String(c.created_at).Key("is_public").Bool(c.is_public);
    OptString(w, "parent_vm_id", c.parent_vm_id);
    OptString(w, "grandparent_commit_id", c.grandparent_commit_id);
    StringList(w, "layers", c.layers);
    w.Key("vcpu_count").Int(c.vcpu_count).Key("mem_size_mib").Int(c.mem_size_mib);
    w.Key("fs_size_mib").Int(c.fs_size_mib);
    w.EndObject();
  }
  w.EndArray().Key("tags").BeginArray();
  for (const auto& [name, t] : s.tags) {
    w.BeginObject().Key("id").String(t.id).Key("name").String(t.name);
    w.Key("commit_id").String(t.commit_id);
    OptString(w, "description", t.description);
    w.Key("created_at").String(t.created_at).Key("updated_at").String(t.updated_at);
    w.EndObject();
  }
  w.EndArray();
  StringList(w, "deleted_commit_ids", {s.deleted_commit_ids.begin(), s.deleted_commit_ids.end()});
  ReposToJson(s, w);
  w.EndObject();
  auto text = w.Take();
  return text.ok() ? text.value() : std::string();
}

Result<State> StateFromJson(const std::string& text) {
  JsonDoc doc;
  if (Status st = doc.Parse(text); !st.ok()) return Status::Error("state file: invalid JSON");
  auto root = doc.root();
  if (!root.is_object()) return Status::Error("state file: not an object");
  State s;
  s.owner_id = GetString(root, "owner_id").value_or("");
  if (s.owner_id.empty()) return Status::Error("state file: owner_id missing");
  auto arr = [&](const char* key) {
    auto f = root[key];
    return (!f.error() && f.value_unsafe().is_array()) ? simdjson::dom::array(f.value_unsafe())
                                                       : simdjson::dom::array();
  };
  for (auto e : arr("vms")) {
    VmRecord v;
    v.id = GetString(e, "id").value_or("");
    if (v.id.empty()) return Status::Error("state file: VM without id");
    v.created_at = GetString(e, "created_at").value_or("");
    v.state = GetString(e, "state").value_or("dead");
    auto labels = GetLabels(e, "labels");
    if (labels.ok() && labels.value()) v.labels = *labels.value();
    v.vcpu_count = GetInt(e, "vcpu_count").value_or(1);
    v.mem_size_mib = GetInt(e, "mem_size_mib").value_or(512);
    v.fs_size_mib = GetInt(e, "fs_size_mib").value_or(1024);
    v.parent_commit_id = GetString(e, "parent_commit_id");
    v.grandparent_vm_id = GetString(e, "grandparent_vm_id");
    v.layers = ReadList(e, "layers");
    s.vms[v.id] = std::move(v);
  }
  for (auto e : arr("commits")) {
    CommitRecord c;
    c.id = GetString(e, "id").value_or("");
    if (c.id.empty()) return Status::Error("state file: commit without id");
    c.name = GetString(e, "name").value_or(c.id);
    c.description = GetString(e, "description");
    c.created_at = GetString(e, "created_at").value_or("");
    c.is_public = GetBool(e, "is_public").value_or(false);
    c.parent_vm_id = GetString(e, "parent_vm_id");
    c.grandparent_commit_id = GetString(e, "grandparent_commit_id");
    c.layers = ReadList(e, "layers");
    c.vcpu_count = GetInt(e, "vcpu_count").value_or(1);
    c.mem_size_mib = GetInt(e, "mem_size_mib").value_or(512);
    c.fs_size_mib = GetInt(e, "fs_size_mib").value_or(1024);
    s.commits[c.id] = std::move(c);
  }
  for (auto e : arr("tags")) {
    TagRecord t;
    t.id = GetString(e, "id").value_or("");
    t.name = GetString(e, "name").value_or("");
    t.commit_id = GetString(e, "commit_id").value_or("");
    if (t.name.empty() || t.commit_id.empty()) return Status::Error("state file: bad tag");
    t.description = GetString(e, "description");
    t.created_at = GetString(e, "created_at").value_or("");
    t.updated_at = GetString(e, "updated_at").value_or(t.created_at);
    s.tags[t.name] = std::move(t);
  }
  for (auto& id : ReadList(root, "deleted_commit_ids")) s.deleted_commit_ids.insert(std::move(id));
  if (Status st = ReposFromJson(root, s); !st.ok()) return st;
  return s;
}

Result<State> Store::Load() const {
  if (!PathExists(path())) {
    State s;
    s.owner_id = base::NewRandomUuid();
    return s;
  }
  auto text = ReadFile(path());
  if (!text.ok()) return text.status();
  return StateFromJson(text.value());
}

Status Store::Save(const State& s) const { return WriteFileAtomic(path(), StateToJson(s), 0600); }

Result<std::string> EnsureApiKey(const std::string& dir) {
  std::string path = dir + "/api_key";
  if (PathExists(path)) {
    auto key = ReadFile(path);
    if (!key.ok()) return key.status();
    std::string k = key.value();
    while (!k.empty() && (k.back() == '\n' || k.back() == '\r')) k.pop_back();
    if (!k.empty()) return k;
  }
  std::string key = "vl_" + RandomHex(24);
  if (Status st = WriteFileAtomic(path, key + "\n", 0600); !st.ok()) return st;
  return key;
}

}  // namespace vers::local
