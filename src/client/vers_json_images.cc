// Parsing of the Vers API's base image answers (BaseImageInfo in
// ListBaseImagesResponse, BaseImageStatusResponse, and the create/upload
// answers' status).
#include <simdjson.h>

#include "client/vers_json.h"

namespace vers::client {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::optional<std::string> OptString(const object& o, const char* key) {
  std::string_view v;
  if (o[key].get_string().get(v) != simdjson::SUCCESS) return std::nullopt;
  return std::string(v);
}

Result<object> Parse(simdjson::dom::parser& parser, std::string_view json, const char* what) {
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS)
    return Status::Error("the Vers API answered with malformed JSON");
  object o;
  if (doc.get_object().get(o) != simdjson::SUCCESS)
    return Status::Error(std::string("the Vers API's ") + what + " is not an object");
  return o;
}

Result<BaseImage> ImageFrom(const element& e) {
  object o;
  if (e.get_object().get(o) != simdjson::SUCCESS)
    return Status::Error("the Vers API's base image is not an object");
  BaseImage i;
  auto id = OptString(o, "base_image_id");
  auto name = OptString(o, "image_name");
  if (!id || !name) return Status::Error("the Vers API's base image lacks its id or name");
  i.base_image_id = *id;
  i.image_name = *name;
  i.owner_id = OptString(o, "owner_id").value_or("");
  i.source_type = OptString(o, "source_type").value_or("");
  i.created_at = OptString(o, "created_at").value_or("");
  i.description = OptString(o, "description");
  bool is_public = false;
  if (o["is_public"].get_bool().get(is_public) == simdjson::SUCCESS) i.is_public = is_public;
  int64_t size = 0;
  if (o["size_mib"].get_int64().get(size) == simdjson::SUCCESS) i.size_mib = size;
  return i;
}

}  // namespace

Result<BaseImagePage> ParseBaseImagePage(std::string_view json) {
  simdjson::dom::parser parser;
  auto o = Parse(parser, json, "image list");
  if (!o.ok()) return o.status();
  simdjson::dom::array arr;
  if (o.value()["images"].get_array().get(arr) != simdjson::SUCCESS)
    return Status::Error("the Vers API's image list lacks \"images\"");
  BaseImagePage page;
  for (element e : arr) {
    auto i = ImageFrom(e);
    if (!i.ok()) return i.status();
    page.images.push_back(std::move(i).value());
  }
  int64_t total = 0;
  if (o.value()["total"].get_int64().get(total) == simdjson::SUCCESS) page.total = total;
  return page;
}

Result<BaseImageStatus> ParseBaseImageStatus(std::string_view json) {
  simdjson::dom::parser parser;
  auto o = Parse(parser, json, "image status");
  if (!o.ok()) return o.status();
  BaseImageStatus s;
  auto name = OptString(o.value(), "image_name");
  auto status = OptString(o.value(), "status");
  if (!name || !status)
    return Status::Error("the Vers API's image status lacks its name or status");
  s.image_name = *name;
  s.status = *status;
  s.error_message = OptString(o.value(), "error_message");
  int64_t size = 0;
  if (o.value()["size_mib"].get_int64().get(size) == simdjson::SUCCESS) s.size_mib = size;
  return s;
}

}  // namespace vers::client
