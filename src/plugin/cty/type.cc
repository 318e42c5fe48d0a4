#include "plugin/cty/type.h"

namespace tfplugin::cty {

Type Type::String() {
  static const Type t(std::make_shared<const Rep>(Rep{TypeKind::kString, {}, {}, {}, {}}));
  return t;
}
Type Type::Number() {
  static const Type t(std::make_shared<const Rep>(Rep{TypeKind::kNumber, {}, {}, {}, {}}));
  return t;
}
Type Type::Bool() {
  static const Type t(std::make_shared<const Rep>(Rep{TypeKind::kBool, {}, {}, {}, {}}));
  return t;
}
Type Type::Dynamic() {
  static const Type t(std::make_shared<const Rep>(Rep{TypeKind::kDynamic, {}, {}, {}, {}}));
  return t;
}
Type::Type() : Type(String()) {}

Type Type::List(Type element) {
  return Type(std::make_shared<const Rep>(Rep{TypeKind::kList, {std::move(element)}, {}, {}, {}}));
}
Type Type::Set(Type element) {
  return Type(std::make_shared<const Rep>(Rep{TypeKind::kSet, {std::move(element)}, {}, {}, {}}));
}
Type Type::Map(Type element) {
  return Type(std::make_shared<const Rep>(Rep{TypeKind::kMap, {std::move(element)}, {}, {}, {}}));
}
Type Type::Object(std::map<std::string, Type> attributes, std::set<std::string> optional) {
  return Type(std::make_shared<const Rep>(
      Rep{TypeKind::kObject, {}, std::move(attributes), std::move(optional), {}}));
}
Type Type::Tuple(std::vector<Type> elements) {
  return Type(std::make_shared<const Rep>(Rep{TypeKind::kTuple, {}, {}, {}, std::move(elements)}));
}

bool Type::is_primitive() const {
  return kind() == TypeKind::kString || kind() == TypeKind::kNumber || kind() == TypeKind::kBool;
}

bool Type::is_collection() const {
  return kind() == TypeKind::kList || kind() == TypeKind::kSet || kind() == TypeKind::kMap;
}

const Type& Type::element() const { return rep_->element.at(0); }

bool Type::is_concrete() const {
  switch (kind()) {
    case TypeKind::kDynamic:
      return false;
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kMap:
      return element().is_concrete();
    case TypeKind::kObject:
      for (const auto& [name, t] : attributes()) {
        if (!t.is_concrete()) return false;
      }
      return true;
    case TypeKind::kTuple:
      for (const auto& t : tuple_elements()) {
        if (!t.is_concrete()) return false;
      }
      return true;
    default:
      return true;
  }
}

std::string Type::FriendlyName() const {
  switch (kind()) {
    case TypeKind::kString:
      return "string";
    case TypeKind::kNumber:
      return "number";
    case TypeKind::kBool:
      return "bool";
    case TypeKind::kDynamic:
      return "any type";
    case TypeKind::kList:
      return "list of " + element().FriendlyName();
    case TypeKind::kSet:
      return "set of " + element().FriendlyName();
    case TypeKind::kMap:
      return "map of " + element().FriendlyName();
    case TypeKind::kObject:
      return "object";
    case TypeKind::kTuple:
      return "tuple";
  }
  return "unknown type";
}

bool operator==(const Type& a, const Type& b) {
  if (a.rep_ == b.rep_) return true;
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kMap:
      return a.element() == b.element();
    case TypeKind::kObject:
      return a.attributes() == b.attributes() && a.optional_attributes() == b.optional_attributes();
    case TypeKind::kTuple:
      return a.tuple_elements() == b.tuple_elements();
    default:
      return true;
  }
}

}  // namespace tfplugin::cty
