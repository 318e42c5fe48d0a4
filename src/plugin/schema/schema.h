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

// How nested attributes or blocks repeat: one object, a list, a set or a map
// of objects.
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
// What a plan modifier answers; it starts as the plan so far.
struct PlanModifierResponse {
  cty::Value plan;  // start: the planned value so far
  // A change of this attribute forces a replacement.
  bool requires_replace = false;
  // Errors fail the plan.
  Diagnostics diagnostics;
};
// A plan modifier: runs during planning (not on destroy) for one attribute,
// after defaults and before the resource's ModifyPlan; must be pure and
// thread-safe (schemas are shared). `description` is the docs sentence.
struct PlanModifier {
  std::string description;
  std::function<void(const PlanModifierRequest&, PlanModifierResponse&)> modify;
};

// A config validator checks a whole block's configuration (which may hold
// unknowns), e.g. that exactly one of several attributes is set; see
// config_validators.h. `description` is the Markdown sentence for docs.
struct ConfigValidator {
  std::string description;
  std::function<void(const cty::Value& config, Diagnostics& diags)> check;
};

struct NestedAttributes;
class AttrSet;

// An attribute: its name, type and flags, and the behaviour attached. Built
// with the fluent builders below, then only read.
struct Attribute {
  // The name in configurations: lower-case letters, digits and underscores.
  std::string name;
  cty::Type type;                                  // unused when `nested` is set
  std::shared_ptr<const NestedAttributes> nested;  // nested attributes (protocol 6), or null
  std::string description;                         // Markdown
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
  // A set of `e`.
  static Attribute Set(std::string name, cty::Type e) {
    return Of(std::move(name), cty::Type::Set(e));
  }
  // A map of `e`, keyed by string.
  static Attribute Map(std::string name, cty::Type e) {
    return Of(std::move(name), cty::Type::Map(e));
  }
  // An attribute holding nested attributes (one object, a list, set or map).
  static Attribute Nested(std::string name, Nesting nesting, std::vector<Attribute> attributes);

  // The flags: Required clears Optional and Computed; Optional and Computed
  // combine (OptionalComputed: set by the user or else by the provider);
  // Sensitive hides the value in CLI output; WriteOnly keeps it out of plan
  // and state (Terraform >= 1.11); Deprecated warns with `message`.
  // Description is the Markdown shown in docs. Each returns the attribute.
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

// The attributes of a nested attribute and how they repeat.
struct NestedAttributes {
  // One object, or a list, set or map of them.
  Nesting nesting = Nesting::kSingle;
  // The nested object's attributes.
  std::vector<Attribute> attributes;
};

struct Block;

// A nested block type (`name { ... }` in configurations).
struct NestedBlock {
  // The block's name in configurations.
  std::string type_name;
  // How the block repeats.
  Nesting nesting = Nesting::kList;
  // The block's content, shared and immutable.
  std::shared_ptr<const Block> block;
  // How many blocks may be written (Terraform checks them).
  int64_t min_items = 0;
  int64_t max_items = 0;  // 0: no limit
};

// A block: the top level of every schema, and the content of nested blocks.
struct Block {
  // Its attributes, in documentation order.
  std::vector<Attribute> attributes;
  // Its nested block types.
  std::vector<NestedBlock> blocks;
  std::string description;  // Markdown
  std::string deprecation_message;
  // Run on the block's configuration (top level only) after the attributes'
  // own validators.
  std::vector<ConfigValidator> validators;

  // The object type of values conforming to this block.
  cty::Type ValueType() const;
  const Attribute* FindAttribute(const std::string& name) const;
  const NestedBlock* FindBlock(const std::string& name) const;
};

// The schema of a provider, resource, data source or ephemeral resource.
struct Schema {
  // Raised when stored state must be upgraded (Resource::UpgradeState).
  int64_t version = 0;
  // The top-level block.
  Block block;
  // The descriptor sets (attr.h) the resource's code reads and writes this
  // schema's values with; checked against ValueType() by CheckAttrSet.
  std::vector<const AttrSet*> attr_sets;

  // The object type of configurations, plans and states of this schema.
  cty::Type ValueType() const { return block.ValueType(); }
};

// Builds a nested block from its parts.
NestedBlock MakeNestedBlock(std::string type_name, Nesting nesting, Block block,
                            int64_t min_items = 0, int64_t max_items = 0);

}  // namespace tfplugin::schema
