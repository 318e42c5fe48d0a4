// The base images part of the state file.
#include "local/json_read.h"
#include "local/store.h"

namespace vers::local {

void ImagesToJson(const State& s, JsonWriter& w) {
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
}

Status ImagesFromJson(simdjson::dom::element root, State& s) {
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
