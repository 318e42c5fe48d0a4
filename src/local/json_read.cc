#include "local/json_read.h"

namespace vers::local {

namespace {

// Appends ".0" to every integer literal of 19 digits or more outside strings,
// so that simdjson reads it as a double: integers beyond 64 bits are valid
// JSON, which simdjson 3.0's DOM parser refuses (NUMBER_ERROR).
std::string WidenBigIntegers(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  bool in_string = false;
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < text.size()) out += text[++i];
      if (c == '"') in_string = false;
      ++i;
    } else if (c == '"') {
      in_string = true;
      out += c;
      ++i;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t end = i + 1;
      while (end < text.size() &&
             std::string_view("0123456789.eE+-").find(text[end]) != std::string_view::npos)
        ++end;
      std::string_view number = text.substr(i, end - i);
      out.append(number);
      if (number.find_first_of(".eE") == std::string_view::npos && number.size() >= 19) out += ".0";
      i = end;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace

Status JsonDoc::Parse(const std::string& text) {
  std::string_view body = text.empty() ? std::string_view("{}") : std::string_view(text);
  auto r = parser_.parse(body.data(), body.size(), true);
  if (r.error() == simdjson::NUMBER_ERROR) {
    std::string widened = WidenBigIntegers(body);
    r = parser_.parse(widened.data(), widened.size(), true);  // copies into the parser
  }
  if (r.error()) {
    error_detail_ = simdjson::error_message(r.error());
    return Status::Error("invalid JSON body");
  }
  root_ = r.value_unsafe();
  return Status::Ok();
}

namespace {
std::optional<simdjson::dom::element> Field(simdjson::dom::element obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto f = obj[key];
  if (f.error()) return std::nullopt;
  return f.value_unsafe();
}
}  // namespace

std::optional<std::string> GetString(simdjson::dom::element obj, const char* key) {
  auto f = Field(obj, key);
  if (!f || !f->is_string()) return std::nullopt;
  return std::string(std::string_view(*f));
}

std::optional<int64_t> GetInt(simdjson::dom::element obj, const char* key) {
  auto f = Field(obj, key);
  if (!f) return std::nullopt;
  if (f->is_int64()) return int64_t(*f);
  if (f->is_uint64()) return static_cast<int64_t>(uint64_t(*f));
  return std::nullopt;
}

std::optional<double> GetDouble(simdjson::dom::element obj, const char* key) {
  auto f = Field(obj, key);
  if (!f || !f->is_number()) return std::nullopt;
  if (f->is_double()) return double(*f);
  if (f->is_int64()) return static_cast<double>(int64_t(*f));
  return static_cast<double>(uint64_t(*f));
}

std::optional<bool> GetBool(simdjson::dom::element obj, const char* key) {
  auto f = Field(obj, key);
  if (!f || !f->is_bool()) return std::nullopt;
  return bool(*f);
}

bool Has(simdjson::dom::element obj, const char* key) { return Field(obj, key).has_value(); }

Result<std::optional<Labels>> GetLabels(simdjson::dom::element obj, const char* key) {
  auto f = Field(obj, key);
  if (!f || f->is_null()) return std::optional<Labels>();
  if (!f->is_object())
    return Status::Error(std::string(key) + " must be an object of strings or null");
  Labels out;
  for (auto [k, v] : simdjson::dom::object(*f)) {
    if (!v.is_string())
      return Status::Error(std::string(key) + "." + std::string(k) + " must be a string");
    out[std::string(k)] = std::string(std::string_view(v));
  }
  return std::optional<Labels>(std::move(out));
}

}  // namespace vers::local
