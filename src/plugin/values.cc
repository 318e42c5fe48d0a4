#include "plugin/values.h"

namespace tfplugin::values {

cty::Value StringOrNull(const std::optional<std::string>& s) {
  return s ? cty::Value::String(*s) : cty::Value::Null(cty::Type::String());
}

cty::Value StringMapValue(const std::map<std::string, std::string>& m) {
  cty::Value::Attributes a;
  for (const auto& [k, v] : m) a.emplace(k, cty::Value::String(v));
  return cty::Value::Map(cty::Type::String(), std::move(a));
}

ObjectBuilder::ObjectBuilder(const cty::Value& base) : type_(base.type()) {
  for (const auto& [name, t] : type_.attributes()) attributes_[name] = cty::Value::Null(t);
  if (base.is_known() && !base.is_null()) {
    for (const auto& [name, v] : base.AsAttributes()) attributes_[name] = v;
  }
}

ObjectBuilder& ObjectBuilder::Set(const std::string& name, cty::Value value) {
  attributes_[name] = std::move(value);
  return *this;
}

ObjectBuilder& ObjectBuilder::NullUnknowns() {
  for (auto& [name, v] : attributes_) {
    if (!v.is_known()) v = cty::Value::Null(v.type());
  }
  return *this;
}

ObjectBuilder& ObjectBuilder::FillUnknownFrom(const cty::Value& other) {
  if (!other.is_known() || other.is_null()) return *this;
  for (auto& [name, v] : attributes_) {
    if (!v.is_known()) v = other.GetAttr(name);
  }
  return *this;
}

cty::Value ObjectBuilder::Build() const { return cty::Value::ObjectOfType(type_, attributes_); }

}  // namespace tfplugin::values
