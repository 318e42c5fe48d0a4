// The schema framework: how a provider, resource or data source declares its
// configuration (attributes, nested attributes, blocks) and the behaviour
// attached to them (defaults, validators, plan modifiers).
//
// Schemas are plain values built once at start-up and then only read, so they
// are safe to share between threads. Attributes are declared with a fluent
// builder:
//
//   Attribute::String("name").Required().Description("The VM's **name**.")
//       .Validate(validators::LengthBetween(1, 64)).Modify(plan::RequiresReplace())
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "plugin/cty/type.h"
#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"

namespace tfplugin::schema {

enum class Nesting { kSingle, kList, kSet, kMap };

// A validator checks one known, non-null attribute value. `description` is the
// Markdown sentence used in generated docs.
struct Validator {
  std::string description;
  std::function<void(const cty::Value& value, const AttributePath& path, Diagnostics& diags)> check;
};

// What a plan modifier sees for one attribute, and may change.
struct PlanModifierRequest {
  AttributePath path;
  cty::Value config;      // the attribute in configuration
  cty::Value state;       // in prior state (null on create)
  bool creating = false;  // no prior state: the resource is being created
  bool destroying = false;
};
struct PlanModifierResponse {
  cty::Value plan;  // start: the planned value so far
  bool requires_replace = false;
  Diagnostics diagnostics;
};
struct PlanModifier {
  std::string description;
  std::function<void(const PlanModifierRequest&, PlanModifierResponse&)> modify;
};

struct NestedAttributes;

struct Attribute {
  std::string name;
  cty::Type type;  // unused when `nested` is set
  std::shared_ptr<const NestedAttributes> nested;
  std::string description;  // Markdown
  bool required = false;
  bool optional = false;
  bool computed = false;
  bool sensitive = false;
  bool write_only = false;
  std::string deprecation_message;          // non-empty: deprecated
  std::optional<cty::Value> default_value;  // needs optional+computed (set by Default())
  std::vector<Validator> validators;
  std::vector<PlanModifier> plan_modifiers;

  // Builders: Attribute::String("x"), ::Map("labels", cty::Type::String()), …
  static Attribute Of(std::string name, cty::Type type);
  static Attribute String(std::string name) { return Of(std::move(name), cty::Type::String()); }
  static Attribute Number(std::string name) { return Of(std::move(name), cty::Type::Number()); }
  static Attribute Bool(std::string name) { return Of(std::move(name), cty::Type::Bool()); }
  static Attribute Dynamic(std::string name) { return Of(std::move(name), cty::Type::Dynamic()); }
  static Attribute List(std::string name, cty::Type e) {
    return Of(std::move(name), cty::Type::List(e));
  }
  static Attribute Set(std::string name, cty::Type e) {
    return Of(std::move(name), cty::Type::Set(e));
  }
  static Attribute Map(std::string name, cty::Type e) {
    return Of(std::move(name), cty::Type::Map(e));
  }
  static Attribute Nested(std::string name, Nesting nesting, std::vector<Attribute> attributes);

  Attribute&& Required() &&;
  Attribute&& Optional() &&;
  Attribute&& Computed() &&;
  Attribute&& OptionalComputed() &&;
  Attribute&& Sensitive() &&;
  Attribute&& WriteOnly() &&;
  Attribute&& Deprecated(std::string message) &&;
  Attribute&& Description(std::string markdown) &&;
  // Makes the attribute optional+computed with this value when unset.
  Attribute&& Default(cty::Value value) &&;
  Attribute&& Validate(Validator v) &&;
  Attribute&& Modify(PlanModifier m) &&;

  // The attribute's value type (for nested attributes, derived from them).
  cty::Type ValueType() const;
};

struct NestedAttributes {
  Nesting nesting = Nesting::kSingle;
  std::vector<Attribute> attributes;
};

struct Block;

struct NestedBlock {
  std::string type_name;
  Nesting nesting = Nesting::kList;
  std::shared_ptr<const Block> block;
  int64_t min_items = 0;
  int64_t max_items = 0;  // 0: no limit
};

struct Block {
  std::vector<Attribute> attributes;
  std::vector<NestedBlock> blocks;
  std::string description;  // Markdown
  std::string deprecation_message;

  // The object type of values conforming to this block.
  cty::Type ValueType() const;
  const Attribute* FindAttribute(const std::string& name) const;
  const NestedBlock* FindBlock(const std::string& name) const;
};

struct Schema {
  int64_t version = 0;
  Block block;

  cty::Type ValueType() const { return block.ValueType(); }
};

// Builds a nested block from its parts.
NestedBlock MakeNestedBlock(std::string type_name, Nesting nesting, Block block,
                            int64_t min_items = 0, int64_t max_items = 0);

}  // namespace tfplugin::schema
