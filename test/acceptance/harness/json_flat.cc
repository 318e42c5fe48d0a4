#include "json_flat.h"

#include <simdjson.h>

#include "base/json_writer.h"

namespace vers::acceptance {
namespace {

namespace dom = simdjson::dom;

std::string Join(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

void FlattenInto(dom::element e, const std::string& path, FlatMap& out) {
  switch (e.type()) {
    case dom::element_type::OBJECT: {
      size_t n = 0;
      for (auto [key, value] : dom::object(e)) {
        FlattenInto(value, Join(path, key), out);
        ++n;
      }
      out[Join(path, "%")] = std::to_string(n);
      break;
    }
    case dom::element_type::ARRAY: {
      size_t n = 0;
      for (dom::element value : dom::array(e))
        FlattenInto(value, Join(path, std::to_string(n++)), out);
      out[Join(path, "#")] = std::to_string(n);
      break;
    }
    case dom::element_type::STRING:
      out[path] = std::string(std::string_view(e));
      break;
    case dom::element_type::BOOL:
      out[path] = bool(e) ? "true" : "false";
      break;
    case dom::element_type::NULL_VALUE:
      break;
    default:  // numbers: their shortest JSON text, integers without ".0"
      out[path] = simdjson::minify(e);
      break;
  }
}

Result<dom::element> At(dom::parser& parser, std::string_view json, std::string_view pointer) {
  dom::element root;
  if (parser.parse(json.data(), json.size()).get(root))
    return Status::Error("not JSON: " + std::string(json.substr(0, 200)));
  dom::element found;
  if (root.at_pointer(pointer).get(found))
    return Status::NotFound("no " + std::string(pointer) + " in " +
                            std::string(json.substr(0, 200)));
  return found;
}

}  // namespace

Result<FlatMap> Flatten(std::string_view json, std::string_view pointer) {
  dom::parser parser;
  auto e = At(parser, json, pointer);
  if (!e.ok()) return e.status();
  FlatMap out;
  FlattenInto(e.value(), "", out);
  return out;
}

Result<std::vector<FlatMap>> FlattenRows(std::string_view json, std::string_view pointer) {
  dom::parser parser;
  auto e = At(parser, json, pointer);
  if (!e.ok()) return e.status();
  dom::array rows;
  if (e.value().get(rows)) return Status::Error("not an array at " + std::string(pointer));
  std::vector<FlatMap> out;
  for (dom::element row : rows) FlattenInto(row, "", out.emplace_back());
  return out;
}

Result<std::string> Field(std::string_view json, std::string_view pointer) {
  dom::parser parser;
  auto e = At(parser, json, pointer);
  if (!e.ok()) return e.status();
  FlatMap out;
  FlattenInto(e.value(), "", out);
  return out.contains("") ? out[""] : std::string();
}

FlatMap Under(const FlatMap& map, const std::string& prefix) {
  FlatMap out;
  std::string start = prefix + ".";
  for (auto it = map.lower_bound(start); it != map.end() && it->first.starts_with(start); ++it)
    out[it->first.substr(start.size())] = it->second;
  return out;
}

std::string Quote(std::string_view s) {
  auto quoted = JsonWriter::Quote(s);
  return quoted.ok() ? quoted.value() : "\"\"";
}

}  // namespace vers::acceptance
