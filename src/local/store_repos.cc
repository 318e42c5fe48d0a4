// The repositories part of the state file: each repository with its tags.
#include "local/json_read.h"
#include "local/store.h"

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

simdjson::dom::array ArrayOf(simdjson::dom::element obj, const char* key) {
  auto f = obj[key];
  return (!f.error() && f.value_unsafe().is_array()) ? simdjson::dom::array(f.value_unsafe())
                                                     : simdjson::dom::array();
}

}  // namespace

void ReposToJson(const State& s, JsonWriter& w) {
  w.Key("repos").BeginArray();
  for (const auto& [name, r] : s.repos) {
    w.BeginObject().Key("id").String(r.id).Key("name").String(r.name);
    OptString(w, "description", r.description);
    w.Key("is_public").Bool(r.is_public).Key("created_at").String(r.created_at);
    w.Key("tags").BeginArray();
    for (const auto& [tag_name, t] : r.tags) {
      w.BeginObject().Key("id").String(t.id).Key("name").String(t.name);
      w.Key("commit_id").String(t.commit_id);
      OptString(w, "description", t.description);
      w.Key("created_at").String(t.created_at).Key("updated_at").String(t.updated_at);
      w.EndObject();
    }
    w.EndArray().EndObject();
  }
  w.EndArray();
}

Status ReposFromJson(simdjson::dom::element root, State& s) {
  for (auto e : ArrayOf(root, "repos")) {
    RepoRecord r;
    r.id = GetString(e, "id").value_or("");
    r.name = GetString(e, "name").value_or("");
    if (r.id.empty() || r.name.empty()) return Status::Error("state file: bad repository");
    r.description = GetString(e, "description");
    r.is_public = GetBool(e, "is_public").value_or(false);
    r.created_at = GetString(e, "created_at").value_or("");
    for (auto te : ArrayOf(e, "tags")) {
      RepoTagRecord t;
      t.id = GetString(te, "id").value_or("");
      t.name = GetString(te, "name").value_or("");
      t.commit_id = GetString(te, "commit_id").value_or("");
      if (t.name.empty() || t.commit_id.empty())
        return Status::Error("state file: bad tag in repository " + r.name);
      t.description = GetString(te, "description");
      t.created_at = GetString(te, "created_at").value_or("");
      t.updated_at = GetString(te, "updated_at").value_or(t.created_at);
      r.tags[t.name] = std::move(t);
    }
    s.repos[r.name] = std::move(r);
  }
  return Status::Ok();
}

}  // namespace vers::local
