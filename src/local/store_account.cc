// The base images, env vars and domains parts of the state file.
#include "local/json_read.h"
#include "local/store.h"

namespace vers::local {

void AccountToJson(const State& s, JsonWriter& w) {
  w.Key("images").BeginArray();
  for (const auto& [name, i] : s.images) {
    w.BeginObject().Key("id").String(i.id).Key("name").String(i.name);
    w.Key("description");
    if (i.description) {
      w.String(*i.description);
    } else {
      w.Null();
    }
    w.Key("source_type").String(i.source_type).Key("size_mib").Int(i.size_mib);
    w.Key("created_at").String(i.created_at).Key("status").String(i.status);
    w.Key("error_message");
    if (i.error_message) {
      w.String(*i.error_message);
    } else {
      w.Null();
    }
    w.EndObject();
  }
  w.EndArray();
  w.Key("env_vars").BeginObject();
  for (const auto& [k, v] : s.env_vars) w.Key(k).String(v);
  w.EndObject().Key("domains").BeginArray();
  for (const auto& [id, d] : s.domains) {
    w.BeginObject().Key("id").String(d.id).Key("vm_id").String(d.vm_id);
    w.Key("domain").String(d.domain).Key("created_at").String(d.created_at).EndObject();
  }
  w.EndArray();
}

Status AccountFromJson(simdjson::dom::element root, State& s) {
  if (auto env = root["env_vars"]; !env.error() && env.value_unsafe().is_object()) {
    for (auto field : simdjson::dom::object(env.value_unsafe())) {
      std::string_view v;
      if (field.value.get_string().get(v) != simdjson::SUCCESS)
        return Status::Error("state file: bad env var");
      s.env_vars[std::string(field.key)] = std::string(v);
    }
  }
  if (auto doms = root["domains"]; !doms.error() && doms.value_unsafe().is_array()) {
    for (auto e : simdjson::dom::array(doms.value_unsafe())) {
      DomainRecord d{GetString(e, "id").value_or(""), GetString(e, "vm_id").value_or(""),
                     GetString(e, "domain").value_or(""), GetString(e, "created_at").value_or("")};
      if (d.id.empty() || d.domain.empty()) return Status::Error("state file: bad domain");
      s.domains[d.id] = std::move(d);
    }
  }
  auto f = root["images"];
  if (f.error() || !f.value_unsafe().is_array()) return Status::Ok();  // older state files
  for (auto e : simdjson::dom::array(f.value_unsafe())) {
    BaseImageRecord i;
    i.id = GetString(e, "id").value_or("");
    i.name = GetString(e, "name").value_or("");
    i.status = GetString(e, "status").value_or("");
    if (i.id.empty() || i.name.empty() || i.status.empty())
      return Status::Error("state file: bad base image");
    i.description = GetString(e, "description");
    i.source_type = GetString(e, "source_type").value_or("upload");
    i.size_mib = GetInt(e, "size_mib").value_or(512);
    i.created_at = GetString(e, "created_at").value_or("");
    i.error_message = GetString(e, "error_message");
    s.images[i.name] = std::move(i);
  }
  return Status::Ok();
}

}  // namespace vers::local
