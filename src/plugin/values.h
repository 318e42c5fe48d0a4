// Typed access to object values for resource code: read an attribute as a
// C++ type (nullopt when null or unknown), and build a new object from an
// old one by setting attributes. Keeps resource files free of cty plumbing.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "plugin/cty/value.h"

namespace tfplugin::values {

std::optional<std::string> String(const cty::Value& object, const std::string& name);
std::optional<int64_t> Int(const cty::Value& object, const std::string& name);
std::optional<bool> Bool(const cty::Value& object, const std::string& name);
// Known elements of a map(string) attribute; empty when null or unknown.
std::map<std::string, std::string> StringMap(const cty::Value& object, const std::string& name);

cty::Value StringOrNull(const std::optional<std::string>& s);
cty::Value StringMapValue(const std::map<std::string, std::string>& m);

// Builds an object of `base`'s type, starting from `base`'s attributes (or all
// null when `base` is null or unknown).
class ObjectBuilder {
 public:
  explicit ObjectBuilder(const cty::Value& base);
  ObjectBuilder& Set(const std::string& name, cty::Value value);
  ObjectBuilder& SetString(const std::string& name, const std::string& s) {
    return Set(name, cty::Value::String(s));
  }
  ObjectBuilder& SetInt(const std::string& name, int64_t n) {
    return Set(name, cty::Value::Int(n));
  }
  ObjectBuilder& SetBool(const std::string& name, bool b) { return Set(name, cty::Value::Bool(b)); }
  // Replaces every unknown attribute by null (computed values the API did not
  // give), so that the state handed back is wholly known.
  ObjectBuilder& NullUnknowns();
  // Replaces every unknown attribute by `other`'s value of the same name
  // (an update that changes nothing remote keeps the prior computed values).
  ObjectBuilder& FillUnknownFrom(const cty::Value& other);
  const cty::Value::Attributes& attributes() const { return attributes_; }
  cty::Value Build() const;

 private:
  cty::Type type_;
  cty::Value::Attributes attributes_;
};

}  // namespace tfplugin::values
