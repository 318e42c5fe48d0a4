#include "plugin/cty/type_json.h"

#include <simdjson.h>

namespace tfplugin::cty {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 if invalid (by
// the same rules as Go's utf8.DecodeRune: no overlongs, surrogates or values
// above U+10FFFF).
size_t Utf8SequenceLength(std::string_view s, size_t i) {
  auto byte = [&](size_t k) { return k < s.size() ? static_cast<uint8_t>(s[k]) : 0; };
  auto cont = [&](size_t k, uint8_t lo = 0x80, uint8_t hi = 0xbf) {
    return byte(k) >= lo && byte(k) <= hi;
  };
  uint8_t b = byte(i);
  if (b >= 0xc2 && b <= 0xdf) return cont(i + 1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    uint8_t lo = b == 0xe0 ? 0xa0 : 0x80;
    uint8_t hi = b == 0xed ? 0x9f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    uint8_t lo = b == 0xf0 ? 0x90 : 0x80;
    uint8_t hi = b == 0xf4 ? 0x8f : 0xbf;
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
  }
  return 0;
}

// Appends `s` as a JSON string the way Go's encoding/json does (HTML-safe), so
// type JSON we send is byte-identical to what Terraform itself would produce.
void AppendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (size_t i = 0; i < s.size();) {
    auto b = static_cast<uint8_t>(s[i]);
    if (b < 0x80) {
      switch (b) {
        case '\\':
          out += "\\\\";
          break;
        case '"':
          out += "\\\"";
          break;
        case '\b':
          out += "\\b";
          break;
        case '\f':
          out += "\\f";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (b < 0x20 || b == '<' || b == '>' || b == '&') {
            out += "\\u00";
            out += kHex[b >> 4];
            out += kHex[b & 0xf];
          } else {
            out += static_cast<char>(b);
          }
      }
      ++i;
      continue;
    }
    size_t n = Utf8SequenceLength(s, i);
    if (n == 0) {
      out += "\\ufffd";
      ++i;
    } else if (n == 3 && b == 0xe2 && static_cast<uint8_t>(s[i + 1]) == 0x80 &&
               (static_cast<uint8_t>(s[i + 2]) == 0xa8 || static_cast<uint8_t>(s[i + 2]) == 0xa9)) {
      out += s[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";  // JS line terminators
      i += 3;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  out += '"';
}

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
        AppendJsonString(out, name);
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
          AppendJsonString(out, name);
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
