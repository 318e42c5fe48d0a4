#include "plugin/schema/attr.h"

#include "plugin/cty/type_json.h"

namespace tfplugin::schema {

StringMap AttrCodec<StringMap>::Decode(const cty::Value& v) {
  StringMap out;
  for (const auto& [k, e] : v.AsAttributes()) {
    if (e.is_known() && !e.is_null()) out.emplace(k, e.AsString());
  }
  return out;
}

cty::Value AttrCodec<StringMap>::Encode(const StringMap& m) {
  cty::Value::Attributes a;
  for (const auto& [k, v] : m) a.emplace(k, cty::Value::String(v));
  return cty::Value::Map(cty::Type::String(), std::move(a));
}

StringList AttrCodec<StringList>::Decode(const cty::Value& v) {
  StringList out;
  for (const auto& e : v.AsElements()) {
    if (e.is_known() && !e.is_null()) out.push_back(e.AsString());
  }
  return out;
}

cty::Value AttrCodec<StringList>::Encode(const StringList& l) {
  cty::Value::Elements e;
  for (const auto& s : l) e.push_back(cty::Value::String(s));
  return cty::Value::List(cty::Type::String(), std::move(e));
}

cty::Type AttrSet::ObjectType() const {
  std::map<std::string, cty::Type> attributes;
  for (const auto& e : entries_) attributes.emplace(e.name, e.type);
  return cty::Type::Object(std::move(attributes));
}

void AttrSet::Register(const std::string& name, const cty::Type& type) {
  entries_.push_back({name, type});
}

std::vector<std::string> CheckAttrSet(const AttrSet& set, const cty::Type& object_type) {
  std::vector<std::string> problems;
  const auto& declared = object_type.attributes();
  for (const auto& e : set.entries()) {
    auto it = declared.find(e.name);
    if (it == declared.end()) {
      problems.push_back("descriptor \"" + e.name + "\" is not in the schema");
    } else if (!(e.type == cty::Type::Dynamic()) && !(it->second == e.type)) {
      problems.push_back("descriptor \"" + e.name + "\" has type " + cty::EncodeTypeJson(e.type) +
                         " but the schema declares " + cty::EncodeTypeJson(it->second));
    }
  }
  return problems;
}

}  // namespace tfplugin::schema
