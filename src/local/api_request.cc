#include "local/api_request.h"

#include <charconv>
#include <cmath>

#include "base/uuid.h"
#include "local/ids.h"

namespace vers::local {
namespace {

std::optional<simdjson::dom::element> Present(simdjson::dom::element obj, const char* key) {
  auto f = obj[key];
  if (f.error() || f.value_unsafe().is_null()) return std::nullopt;
  return f.value_unsafe();
}

ApiError WrongType(const char* key, const char* wanted, simdjson::dom::element got) {
  return BadRequest(std::string(key) + " must be " + wanted + ", got " + JsonTypeName(got));
}

std::string Range(int64_t min, int64_t max) {
  return std::to_string(min) + "-" + std::to_string(max);
}

// Quotes a client's text for a message, cut short so a huge value stays out.
std::string Quoted(const std::string& s) {
  return "\"" + (s.size() > 64 ? s.substr(0, 64) + "..." : s) + "\"";
}

}  // namespace

const char* JsonTypeName(simdjson::dom::element e) {
  switch (e.type()) {
    case simdjson::dom::element_type::ARRAY:
      return "an array";
    case simdjson::dom::element_type::OBJECT:
      return "an object";
    case simdjson::dom::element_type::INT64:
    case simdjson::dom::element_type::UINT64:
    case simdjson::dom::element_type::DOUBLE:
      return "a number";
    case simdjson::dom::element_type::STRING:
      return "a string";
    case simdjson::dom::element_type::BOOL:
      return "a boolean";
    case simdjson::dom::element_type::NULL_VALUE:
      return "null";
  }
  return "an unknown JSON value";
}

Outcome<Done> ReadJsonObject(const httplib::Request& req, JsonDoc& doc, Body body) {
  if (body == Body::kRequired && req.body.empty())
    return BadRequest("a JSON object body is required");
  if (Status st = doc.Parse(req.body); !st.ok())
    return BadRequest("invalid JSON body: " + doc.error_detail());
  if (!doc.root().is_object())
    return BadRequest(std::string("request body must be a JSON object, got ") +
                      JsonTypeName(doc.root()));
  return Done{};
}

Outcome<std::optional<std::string>> OptionalString(simdjson::dom::element obj, const char* key) {
  auto f = Present(obj, key);
  if (!f) return std::optional<std::string>();
  if (!f->is_string()) return WrongType(key, "a string or null", *f);
  return std::optional<std::string>(std::string(std::string_view(*f)));
}

Outcome<std::optional<int64_t>> OptionalInt(simdjson::dom::element obj, const char* key,
                                            int64_t min, int64_t max) {
  auto f = Present(obj, key);
  if (!f) return std::optional<int64_t>();
  const std::string wanted = "an integer " + Range(min, max);
  if (!f->is_number()) return WrongType(key, wanted.c_str(), *f);
  std::optional<int64_t> v;
  if (f->is_int64()) {
    v = int64_t(*f);
  } else if (f->is_double()) {
    double d = double(*f);
    if (std::trunc(d) != d)
      return BadRequest(std::string(key) + " must be " + wanted + ", got " + simdjson::minify(*f));
    if (std::fabs(d) < 9.0e15) v = static_cast<int64_t>(d);
  }
  if (!v || *v < min || *v > max)
    return BadRequest(std::string(key) + " must be " + wanted + ", got " + simdjson::minify(*f));
  return v;
}

Outcome<std::optional<bool>> OptionalBool(simdjson::dom::element obj, const char* key) {
  auto f = Present(obj, key);
  if (!f) return std::optional<bool>();
  if (!f->is_bool()) return WrongType(key, "true or false", *f);
  return std::optional<bool>(bool(*f));
}

Outcome<std::optional<std::string>> OptionalUuid(simdjson::dom::element obj, const char* key) {
  auto s = OptionalString(obj, key);
  if (!s.ok() || !s.value()) return s;
  if (!base::IsUuid(*s.value()))
    return BadRequest(std::string(key) + " must be a UUID, got " + Quoted(*s.value()));
  return s;
}

Outcome<bool> QueryBool(const httplib::Request& req, const char* name, bool fallback) {
  if (!req.has_param(name)) return fallback;
  std::string v = req.get_param_value(name);
  if (v == "true") return true;
  if (v == "false") return false;
  return BadRequest(std::string("query parameter ") + name + " must be true or false, got " +
                    Quoted(v));
}

Outcome<std::optional<int64_t>> QueryInt(const httplib::Request& req, const char* name, int64_t min,
                                         int64_t max) {
  if (!req.has_param(name)) return std::optional<int64_t>();
  std::string v = req.get_param_value(name);
  const char* begin = v.data() + (!v.empty() && v[0] == '+' ? 1 : 0);
  int64_t n = 0;
  auto [end, ec] = std::from_chars(begin, v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || begin == end || n < min || n > max)
    return BadRequest(std::string("query parameter ") + name + " must be an integer " +
                      Range(min, max) + ", got " + Quoted(v));
  return std::optional<int64_t>(n);
}

Outcome<Done> RequireUuid(const std::string& value, const char* name) {
  if (base::IsUuid(value)) return Done{};
  return BadRequest(std::string(name) + " must be a UUID, got " + Quoted(value));
}

}  // namespace vers::local
