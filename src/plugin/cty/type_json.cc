#include "plugin/cty/type_json.h"

#include <simdjson.h>

#include "plugin/base.h"

namespace tfplugin::cty {
namespace {

void AppendType(std::string& out, const Type& type) {
  switch (type.kind()) {
    case TypeKind::kString:
      out += "\"string\"";
      return;
    case TypeKind::kNumber:
      out += "\"number\"";
      return;
    case TypeKind::kBool:
      out += "\"bool\"";
      return;
    case TypeKind::kDynamic:
      out += "\"dynamic\"";
      return;
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kMap:
      out += type.kind() == TypeKind::kList  ? "[\"list\","
             : type.kind() == TypeKind::kSet ? "[\"set\","
                                             : "[\"map\",";
      AppendType(out, type.element());
      out += ']';
      return;
    case TypeKind::kObject: {
      out += "[\"object\",{";
      bool first = true;
      for (const auto& [name, attr] : type.attributes()) {
        if (!first) out += ',';
        first = false;
        AppendJsonString(out, name, JsonEscaping::kGoHtmlSafe);
        out += ':';
        AppendType(out, attr);
      }
      out += '}';
      if (!type.optional_attributes().empty()) {
        out += ",[";
        first = true;
        for (const auto& name : type.optional_attributes()) {  // std::set: sorted
          if (!first) out += ',';
          first = false;
          AppendJsonString(out, name, JsonEscaping::kGoHtmlSafe);
        }
        out += ']';
      }
      out += ']';
      return;
    }
    case TypeKind::kTuple: {
      out += "[\"tuple\",[";
      bool first = true;
      for (const auto& element : type.tuple_elements()) {
        if (!first) out += ',';
        first = false;
        AppendType(out, element);
      }
      out += "]]";
      return;
    }
  }
}

Status Invalid(const std::string& why) { return Status::Error("invalid type JSON: " + why); }

Result<Type> ParseType(simdjson::dom::element e, int depth) {
  if (depth > kMaxTypeJsonDepth) return Invalid("nested too deeply");
  std::string_view name;
  if (e.get_string().get(name) == simdjson::SUCCESS) {
    if (name == "string") return Type::String();
    if (name == "number") return Type::Number();
    if (name == "bool") return Type::Bool();
    if (name == "dynamic") return Type::Dynamic();
    return Invalid("unknown primitive type name");
  }
  simdjson::dom::array array;
  if (e.get_array().get(array) != simdjson::SUCCESS) {
    return Invalid("expected a type name string or an array");
  }
  std::vector<simdjson::dom::element> parts(array.begin(), array.end());
  if (parts.empty() || parts[0].get_string().get(name) != simdjson::SUCCESS) {
    return Invalid("a complex type must start with its kind name");
  }
  if (name == "list" || name == "set" || name == "map") {
    if (parts.size() != 2) return Invalid(std::string(name) + " needs exactly one element type");
    auto element = ParseType(parts[1], depth + 1);
    if (!element.ok()) return element;
    if (name == "list") return Type::List(std::move(element).value());
    if (name == "set") return Type::Set(std::move(element).value());
    return Type::Map(std::move(element).value());
  }
  if (name == "tuple") {
    simdjson::dom::array elements;
    if (parts.size() != 2 || parts[1].get_array().get(elements) != simdjson::SUCCESS) {
      return Invalid("tuple needs one array of element types");
    }
    std::vector<Type> types;
    for (simdjson::dom::element element : elements) {
      auto t = ParseType(element, depth + 1);
      if (!t.ok()) return t;
      types.push_back(std::move(t).value());
    }
    return Type::Tuple(std::move(types));
  }
  if (name == "object") {
    simdjson::dom::object attrs;
    if ((parts.size() != 2 && parts.size() != 3) ||
        parts[1].get_object().get(attrs) != simdjson::SUCCESS) {
      return Invalid("object needs an object of attribute types and optionally a list of names");
    }
    std::map<std::string, Type> attributes;
    for (simdjson::dom::key_value_pair kv : attrs) {
      auto t = ParseType(kv.value, depth + 1);
      if (!t.ok()) return t;
      if (!attributes.emplace(std::string(kv.key), std::move(t).value()).second) {
        return Invalid("duplicate object attribute");
      }
    }
    std::set<std::string> optional;
    if (parts.size() == 3) {
      simdjson::dom::array names;
      if (parts[2].get_array().get(names) != simdjson::SUCCESS) {
        return Invalid("optional attributes must be an array of names");
      }
      for (simdjson::dom::element n : names) {
        std::string_view optional_name;
        if (n.get_string().get(optional_name) != simdjson::SUCCESS) {
          return Invalid("optional attributes must be an array of names");
        }
        if (!attributes.contains(std::string(optional_name))) {
          return Invalid("optional attribute is not an attribute of the object");
        }
        optional.emplace(optional_name);
      }
    }
    return Type::Object(std::move(attributes), std::move(optional));
  }
  return Invalid("unknown complex type kind");
}

}  // namespace

std::string EncodeTypeJson(const Type& type) {
  std::string out;
  AppendType(out, type);
  return out;
}

Result<Type> DecodeTypeJson(std::string_view json) {
  // simdjson needs padding after the text, so it parses a padded copy.
  simdjson::padded_string padded(json);
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return Invalid(simdjson::error_message(error));
  }
  return ParseType(root, 0);
}

}  // namespace tfplugin::cty
