// Typed access to object values for resource code: read an attribute as a
// C++ type (nullopt when null or unknown), and build a new object from an
// old one by setting attributes. Keeps resource files free of cty plumbing.
//
// Attributes are named by their descriptors (schema/attr.h): Get(obj, kA.x),
// IsSet, IsKnown, Raw, and ObjectBuilder::Set(kA.x, value).
//
// There is no read or write by a name string: a misspelled attribute does
// not compile (test/resources/attr_sets_test.cc checks that every attribute
// of every schema has a descriptor).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <type_traits>

#include "plugin/cty/value.h"
#include "plugin/schema/attr.h"

namespace tfplugin::values {

// The attribute as a cty value (null of the attribute's type when the object
// is null; unknown when the object is unknown). An object type without the
// attribute answers a null of Dynamic type (CheckAttrSet, run by a unit test,
// keeps descriptors and schemas in step).
template <typename T>
cty::Value Raw(const cty::Value& object, const schema::Attr<T>& attr) {
  if (!object.is_known()) return cty::Value::Unknown(attr.type());
  if (object.is_null()) return cty::Value::Null(attr.type());
  return object.GetAttr(attr.name());
}
// The attribute `attr` of `object` as a C++ value: nullopt when the attribute
// or the object is null or unknown (or, for int64_t, not an integer in range).
template <typename T>
std::optional<T> Get(const cty::Value& object, const schema::Attr<T>& attr) {
  cty::Value v = Raw(object, attr);
  if (!v.is_known() || v.is_null()) return std::nullopt;
  return schema::AttrCodec<T>::Decode(v);
}
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

  // Sets `attr` to `value`, encoded as its cty type.
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
  // Sets attribute `name` (a descriptor's) to `value`, which conforms to it.
  ObjectBuilder& Set(const std::string& name, cty::Value value);

  cty::Type type_;
  cty::Value::Attributes attributes_;
};

}  // namespace tfplugin::values
