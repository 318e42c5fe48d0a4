#include "tools/gen_docs/type_notes.h"

#include "resources/framework.h"

namespace vers::docs {

std::string TypeName(const cty::Type& t) {
  switch (t.kind()) {
    case cty::TypeKind::kString:
      return "String";
    case cty::TypeKind::kNumber:
      return "Number";
    case cty::TypeKind::kBool:
      return "Boolean";
    case cty::TypeKind::kDynamic:
      return "Dynamic";
    case cty::TypeKind::kList:
      return "List of " + TypeName(t.element());
    case cty::TypeKind::kSet:
      return "Set of " + TypeName(t.element());
    case cty::TypeKind::kMap:
      return "Map of " + TypeName(t.element());
    case cty::TypeKind::kObject:
      return "Object";
    case cty::TypeKind::kTuple:
      return "Tuple";
  }
  return "Unknown";
}

const char* NestingName(schema::Nesting n) {
  switch (n) {
    case schema::Nesting::kSingle:
      return "";
    case schema::Nesting::kList:
      return " List";
    case schema::Nesting::kSet:
      return " Set";
    case schema::Nesting::kMap:
      return " Map";
  }
  return "";
}

std::string Prose(const schema::Attribute& a) {
  std::string out = a.description;
  for (const auto& v : a.validators)
    if (!v.description.empty()) out += " " + v.description;
  for (const auto& m : a.plan_modifiers)
    if (m.description.starts_with("Changing")) out += " " + m.description;
  if (a.default_value) out += " Defaults to `" + cty::DebugString(*a.default_value) + "`.";
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

const cty::Type* ObjectIn(const cty::Type& t) {
  if (t.kind() == cty::TypeKind::kObject) return &t;
  bool collection = t.kind() == cty::TypeKind::kList || t.kind() == cty::TypeKind::kSet ||
                    t.kind() == cty::TypeKind::kMap;
  return collection && t.element().kind() == cty::TypeKind::kObject ? &t.element() : nullptr;
}

}  // namespace vers::docs
