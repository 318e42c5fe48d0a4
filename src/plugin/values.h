// Typed access to object values for resource code: read an attribute as a
// C++ type (nullopt when null or unknown), and build a new object from an
// old one by setting attributes. Keeps resource files free of cty plumbing.
//
// Attributes are named by their descriptors (schema/attr.h): Get(obj, kA.x),
// IsSet, IsKnown, Raw, and ObjectBuilder::Set(kA.x, value).
//
// DEPRECATED: the overloads taking an attribute name as a string (String,
// Int, Bool, StringMap, and ObjectBuilder's Set/SetString/SetInt/SetBool by
// name) stay only until every resource is converted; a misspelled name gives
// null silently. New code uses descriptors.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>

#include "plugin/cty/value.h"
#include "plugin/schema/attr.h"

namespace tfplugin::values {

// The attribute `attr` of `object` as a C++ value: nullopt when the attribute
// or the object is null or unknown.
template <typename T>
std::optional<T> Get(const cty::Value& object, const schema::Attr<T>& attr);
// The attribute as a cty value (null of the attribute's type when the object
// is null; unknown when the object is unknown).
template <typename T>
cty::Value Raw(const cty::Value& object, const schema::Attr<T>& attr);
// Not null: an unknown value counts as set (it will be known later).
template <typename T>
bool IsSet(const cty::Value& object, const schema::Attr<T>& attr) {
  return !Raw(object, attr).is_null();
}
// Known, possibly null (a known collection may still hold unknown elements).
template <typename T>
bool IsKnown(const cty::Value& object, const schema::Attr<T>& attr) {
  return Raw(object, attr).is_known();
}

// nullopt for an empty string (what an API answer leaves empty when it has
// no value), for ObjectBuilder::SetOrNull.
inline std::optional<std::string> NonEmpty(const std::string& s) {
  return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// Deprecated string-named reads (see above). Attribute `name` of `object` as a C++ value: nullopt
// when the object or the attribute is null or unknown, and also when `object` has no attribute
// `name` (a misspelled name reads as null). Int is nullopt as well for a
// number that is not an int64. A known attribute of another type is a
// programming error: cty throws std::logic_error.
std::optional<std::string> String(const cty::Value& object, const std::string& name);
std::optional<int64_t> Int(const cty::Value& object, const std::string& name);
std::optional<bool> Bool(const cty::Value& object, const std::string& name);
// Known elements of a map(string) attribute; empty when null or unknown.
std::map<std::string, std::string> StringMap(const cty::Value& object, const std::string& name);

// A string value, or a null string when `s` is nullopt.
cty::Value StringOrNull(const std::optional<std::string>& s);
// A map(string) value holding `m` (an empty map when `m` is empty, not null).
cty::Value StringMapValue(const std::map<std::string, std::string>& m);

// Builds an object of `base`'s type, starting from `base`'s attributes (or all
// null when `base` is null or unknown).
class ObjectBuilder {
 public:
  // Copies `base`'s attributes (all null when `base` is null or unknown).
  explicit ObjectBuilder(const cty::Value& base);
  // Starts from all attributes null (e.g. the elements of a nested list).
  explicit ObjectBuilder(const cty::Type& type) : ObjectBuilder(cty::Value::Null(type)) {}

  template <typename T>
  ObjectBuilder& Set(const schema::Attr<T>& attr, const std::type_identity_t<T>& value) {
    return Set(attr.name(), schema::AttrCodec<T>::Encode(value));
  }
  // Any cty value, e.g. a null or a value copied from another object.
  template <typename T>
  requires(!std::is_same_v<T, cty::Value>) ObjectBuilder& Set(const schema::Attr<T>& attr,
                                                              cty::Value value) {
    return Set(attr.name(), std::move(value));
  }
  // Null of the attribute's type when `value` is nullopt.
  template <typename T>
  ObjectBuilder& SetOrNull(const schema::Attr<T>& attr, const std::optional<T>& value) {
    if (!value.has_value()) return SetNull(attr);
    return Set(attr, value.value());
  }
  // Null of the attribute's type.
  template <typename T>
  ObjectBuilder& SetNull(const schema::Attr<T>& attr) {
    return Set(attr.name(), cty::Value::Null(attr.type()));
  }
  // Whether the object being built has the attribute (code shared by several
  // resources, for an attribute only some of them have).
  template <typename T>
  bool Has(const schema::Attr<T>& attr) const {
    return attributes_.count(attr.name()) > 0;
  }
  // The attribute's value in the object being built (null when absent).
  template <typename T>
  cty::Value Current(const schema::Attr<T>& attr) const {
    auto it = attributes_.find(attr.name());
    return it == attributes_.end() ? cty::Value::Null(attr.type()) : it->second;
  }

  // Deprecated string-named writes (see above). Sets attribute `name`; the setters return *this for
  // chaining. `name` must be an attribute of the type and the value must conform to it: neither is
  // checked here.
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
  // The attributes as set so far.
  const cty::Value::Attributes& attributes() const { return attributes_; }
  // The object, of `base`'s type. The builder may be used again.
  cty::Value Build() const;

 private:
  cty::Type type_;
  cty::Value::Attributes attributes_;
};

template <typename T>
cty::Value Raw(const cty::Value& object, const schema::Attr<T>& attr) {
  if (!object.is_known()) return cty::Value::Unknown(attr.type());
  if (object.is_null()) return cty::Value::Null(attr.type());
  return object.GetAttr(attr.name());
}

template <typename T>
std::optional<T> Get(const cty::Value& object, const schema::Attr<T>& attr) {
  cty::Value v = Raw(object, attr);
  if (!v.is_known() || v.is_null()) return std::nullopt;
  return schema::AttrCodec<T>::Decode(v);
}

}  // namespace tfplugin::values
