#include "plugin/schema/schema.h"

namespace tfplugin::schema {

Attribute Attribute::Of(std::string name, cty::Type type) {
  Attribute a;
  a.name = std::move(name);
  a.type = std::move(type);
  return a;
}

Attribute Attribute::Nested(std::string name, Nesting nesting, std::vector<Attribute> attributes) {
  Attribute a;
  a.name = std::move(name);
  a.nested =
      std::make_shared<const NestedAttributes>(NestedAttributes{nesting, std::move(attributes)});
  return a;
}

Attribute&& Attribute::Required() && {
  required = true;
  optional = computed = false;
  return std::move(*this);
}
Attribute&& Attribute::Optional() && {
  optional = true;
  return std::move(*this);
}
Attribute&& Attribute::Computed() && {
  computed = true;
  return std::move(*this);
}
Attribute&& Attribute::OptionalComputed() && {
  optional = computed = true;
  return std::move(*this);
}
Attribute&& Attribute::Sensitive() && {
  sensitive = true;
  return std::move(*this);
}
Attribute&& Attribute::WriteOnly() && {
  write_only = true;
  return std::move(*this);
}
Attribute&& Attribute::Deprecated(std::string message) && {
  deprecation_message = std::move(message);
  return std::move(*this);
}
Attribute&& Attribute::Description(std::string markdown) && {
  description = std::move(markdown);
  return std::move(*this);
}
Attribute&& Attribute::Default(cty::Value value) && {
  optional = computed = true;
  default_value = std::move(value);
  return std::move(*this);
}
Attribute&& Attribute::Validate(Validator v) && {
  validators.push_back(std::move(v));
  return std::move(*this);
}
Attribute&& Attribute::Modify(PlanModifier m) && {
  plan_modifiers.push_back(std::move(m));
  return std::move(*this);
}

namespace {
cty::Type Wrap(Nesting nesting, cty::Type object) {
  switch (nesting) {
    case Nesting::kSingle:
      return object;
    case Nesting::kList:
      return cty::Type::List(std::move(object));
    case Nesting::kSet:
      return cty::Type::Set(std::move(object));
    case Nesting::kMap:
      return cty::Type::Map(std::move(object));
  }
  return object;
}
}  // namespace

cty::Type Attribute::ValueType() const {
  if (!nested) return type;
  std::map<std::string, cty::Type> types;
  for (const auto& a : nested->attributes) types.emplace(a.name, a.ValueType());
  return Wrap(nested->nesting, cty::Type::Object(std::move(types)));
}

cty::Type Block::ValueType() const {
  std::map<std::string, cty::Type> types;
  for (const auto& a : attributes) types.emplace(a.name, a.ValueType());
  for (const auto& b : blocks) types.emplace(b.type_name, Wrap(b.nesting, b.block->ValueType()));
  return cty::Type::Object(std::move(types));
}

const Attribute* Block::FindAttribute(const std::string& name) const {
  for (const auto& a : attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

const NestedBlock* Block::FindBlock(const std::string& name) const {
  for (const auto& b : blocks) {
    if (b.type_name == name) return &b;
  }
  return nullptr;
}

NestedBlock MakeNestedBlock(std::string type_name, Nesting nesting, Block block, int64_t min_items,
                            int64_t max_items) {
  return NestedBlock{std::move(type_name), nesting, std::make_shared<const Block>(std::move(block)),
                     min_items, max_items};
}

}  // namespace tfplugin::schema
