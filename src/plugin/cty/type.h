// cty types: the type system Terraform uses for every value on the wire.
//
// A Type is an immutable value; copies share one representation and are cheap.
// Object types may mark attributes optional (only meaningful in type
// constraints). Dynamic is the "any type" placeholder of type constraints.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace tfplugin::cty {

// The kinds of cty type.
enum class TypeKind { kString, kNumber, kBool, kList, kSet, kMap, kObject, kTuple, kDynamic };

// A cty type (see above): immutable, cheap to copy, safe to share between
// threads.
class Type {
 public:
  // Primitive and placeholder types.
  static Type String();
  static Type Number();
  static Type Bool();
  static Type Dynamic();
  // Collection types of one element type.
  static Type List(Type element);
  static Type Set(Type element);
  static Type Map(Type element);
  // Structural types. `optional` names attributes that may be omitted.
  static Type Object(std::map<std::string, Type> attributes, std::set<std::string> optional = {});
  static Type Tuple(std::vector<Type> elements);

  Type();  // String, so that containers of Type are default-constructible.

  // What kind of type; primitive: string, number or bool.
  TypeKind kind() const { return rep_->kind; }
  bool is_primitive() const;
  bool is_collection() const;  // list, set or map
  bool is_dynamic() const { return kind() == TypeKind::kDynamic; }

  // The element type of a list, set or map. Must not be called on others.
  const Type& element() const;
  // The attributes of an object type (empty for others).
  const std::map<std::string, Type>& attributes() const { return rep_->attributes; }
  const std::set<std::string>& optional_attributes() const { return rep_->optional; }
  // The element types of a tuple type (empty for others).
  const std::vector<Type>& tuple_elements() const { return rep_->tuple; }

  // True when no part of the type is Dynamic.
  bool is_concrete() const;

  // A short English name for diagnostics: "string", "list of number", "object".
  std::string FriendlyName() const;

  friend bool operator==(const Type& a, const Type& b);
  friend bool operator!=(const Type& a, const Type& b) { return !(a == b); }

 private:
  struct Rep {
    TypeKind kind = TypeKind::kString;
    std::vector<Type> element;  // one entry for list/set/map
    std::map<std::string, Type> attributes;
    std::set<std::string> optional;
    std::vector<Type> tuple;
  };
  explicit Type(std::shared_ptr<const Rep> rep) : rep_(std::move(rep)) {}
  std::shared_ptr<const Rep> rep_;
};

}  // namespace tfplugin::cty
