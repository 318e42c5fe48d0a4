// Routes for base images: /images (list), /images/create, /images/upload,
// /images/{image_name}/status and DELETE /images/images/{base_image_id}.
//
// Where the spec (orchestrator.openapi.json) leaves things open, and no
// public client says more (hdresearch/vers-cli and vers-sdk-ts have no image
// calls):
//  - list_images and upload_image declare their parameters "in": "path" on
//    paths without placeholders; they are read from the query string;
//  - upload_image declares no request body: the archive is the raw body
//    (any Content-Type), or the first file of a multipart/form-data body;
//  - size_mib of an upload: "default: 512, min: 512, max: 32768" (400
//    outside); an archive larger than size_mib MiB is the spec's 413;
//  - list limit "default: 50, max: 100" is clamped, offset below 0 is 0.
#include <algorithm>

#include "base/json_writer.h"
#include "local/api.h"
#include "local/api_json.h"
#include "local/api_request.h"

namespace vers::local {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;

void Opt(JsonWriter& w, const char* key, const std::optional<std::string>& v) {
  w.Key(key);
  if (v) {
    w.String(*v);
  } else {
    w.Null();
  }
}

std::string Finish(JsonWriter& w) {
  auto t = w.Take();
  return t.ok() ? t.value() : std::string(R"({"error":"encoding failed","success":false})");
}

// CreateBaseImageResponse / UploadBaseImageResponse.
std::string StartedJson(const BaseImageRecord& i) {
  JsonWriter w;
  w.BeginObject().Key("job_id").String(i.id).Key("image_name").String(i.name);
  w.Key("status").String(i.status).EndObject();
  return Finish(w);
}

std::string StatusJson(const BaseImageRecord& i) {  // BaseImageStatusResponse
  JsonWriter w;
  w.BeginObject().Key("image_name").String(i.name).Key("status").String(i.status);
  w.Key("size_mib").Int(i.size_mib);
  Opt(w, "error_message", i.error_message);
  w.EndObject();
  return Finish(w);
}

std::string ListJson(const std::vector<BaseImageRecord>& all, const std::string& owner,
                     int64_t limit, int64_t offset) {  // ListBaseImagesResponse
  JsonWriter w;
  w.BeginObject().Key("images").BeginArray();
  for (int64_t k = offset; k < static_cast<int64_t>(all.size()) && k < offset + limit; ++k) {
    const auto& i = all[static_cast<size_t>(k)];
    w.BeginObject().Key("base_image_id").String(i.id).Key("image_name").String(i.name);
    w.Key("owner_id").String(owner).Key("is_public").Bool(false);
    w.Key("source_type").String(i.source_type).Key("size_mib").Int(i.size_mib);
    w.Key("created_at").String(i.created_at);
    Opt(w, "description", i.description);
    w.EndObject();
  }
  w.EndArray().Key("total").Int(static_cast<int64_t>(all.size()));
  w.Key("limit").Int(limit).Key("offset").Int(offset).EndObject();
  return Finish(w);
}

// ImageSourceRequest: {"type": "docker", "image_ref"} or {"type": "s3",
// "bucket", "key"}; the type it names.
Outcome<std::string> ReadSource(simdjson::dom::element root) {
  auto f = root["source"];
  if (f.error() || !f.value_unsafe().is_object())
    return BadRequest("source is required (an object with a type: docker or s3)");
  auto src = f.value_unsafe();
  auto type = OptionalString(src, "type");
  if (!type.ok()) return type.error();
  std::vector<const char*> need;
  if (type.value() == std::optional<std::string>("docker")) {
    need = {"image_ref"};
  } else if (type.value() == std::optional<std::string>("s3")) {
    need = {"bucket", "key"};
  } else {
    return BadRequest("source.type must be \"docker\" or \"s3\"");
  }
  for (const char* key : need) {
    auto v = OptionalString(src, key);
    if (!v.ok()) return v.error();
    if (!v.value()) return BadRequest(std::string("source.") + key + " is required (a string)");
  }
  return *type.value();
}

void Create(VmManager& m, const Req& req, Res& res) {
  JsonDoc doc;
  if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
  auto name = OptionalString(doc.root(), "image_name");
  if (!name.ok()) return SendError(res, name.error());
  if (!name.value()) return SendError(res, BadRequest("image_name is required (a string)"));
  auto description = OptionalString(doc.root(), "description");
  if (!description.ok()) return SendError(res, description.error());
  // "Additional capacity in MiB beyond the actual filesystem size (defaults to 256)".
  auto extra = OptionalInt(doc.root(), "size_mib", 0, 2147483647);
  if (!extra.ok()) return SendError(res, extra.error());
  auto type = ReadSource(doc.root());
  if (!type.ok()) return SendError(res, type.error());
  auto r = m.CreateImage(
      {*name.value(), description.value(), type.value(), extra.value().value_or(256)});
  if (!r.ok()) return SendError(res, r.error());
  SendJson(res, 201, StartedJson(r.value()));
}

void Upload(VmManager& m, const Req& req, Res& res) {
  if (!req.has_param("image_name"))
    return SendError(res, BadRequest("query parameter image_name is required"));
  auto size = QueryInt(req, "size_mib", 512, 32768);
  if (!size.ok()) return SendError(res, size.error());
  int64_t size_mib = size.value().value_or(512);
  const std::string* archive = &req.body;
  if (req.is_multipart_form_data()) {
    if (req.files.empty())
      return SendError(res, BadRequest("the multipart body holds no file (the archive)"));
    archive = &req.files.begin()->second.content;
  }
  if (archive->empty())
    return SendError(res, BadRequest("the body must be the root filesystem archive"));
  if (static_cast<int64_t>(archive->size()) > size_mib * 1024 * 1024)
    return SendError(
        res, {413, "the archive is larger than size_mib (" + std::to_string(size_mib) + " MiB)"});
  auto r = m.UploadImage({req.get_param_value("image_name"), std::nullopt, "upload", size_mib},
                         *archive);
  if (!r.ok()) return SendError(res, r.error());
  SendJson(res, 201, StartedJson(r.value()));
}

}  // namespace

void RegisterImageRoutes(Routes& s, VmManager& m) {
  s.Get("/api/v1/images", [&m](const Req& req, Res& res) {
    auto limit = QueryInt(req, "limit", INT64_MIN, INT64_MAX);
    if (!limit.ok()) return SendError(res, limit.error());
    auto offset = QueryInt(req, "offset", INT64_MIN, INT64_MAX);
    if (!offset.ok()) return SendError(res, offset.error());
    int64_t l = std::clamp<int64_t>(limit.value().value_or(50), 0, 100);
    int64_t o = std::max<int64_t>(offset.value().value_or(0), 0);
    SendJson(res, 200, ListJson(m.Images(), m.owner_id(), l, o));
  });
  s.Post("/api/v1/images/create", [&m](const Req& req, Res& res) { Create(m, req, res); });
  s.Post("/api/v1/images/upload", [&m](const Req& req, Res& res) { Upload(m, req, res); });
  s.Get(R"(/api/v1/images/([^/]+)/status)", [&m](const Req& req, Res& res) {
    auto r = m.GetImage(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, StatusJson(r.value()));
  });
  s.Delete(R"(/api/v1/images/images/([^/]+))", [&m](const Req& req, Res& res) {
    auto r = m.DeleteImage(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    JsonWriter w;
    w.BeginObject().Key("deleted").Bool(true).Key("base_image_id").String(r.value()).EndObject();
    SendJson(res, 200, Finish(w));
  });
}

}  // namespace vers::local
