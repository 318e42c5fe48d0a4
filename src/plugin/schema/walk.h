// Schema-driven passes over whole values: config validation and the planning
// rules every resource gets for free (defaults, computed-unknown marking,
// write-only nulling, attribute plan modifiers).
#pragma once

#include <vector>

#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "plugin/schema/schema.h"

namespace tfplugin::schema {

// Runs every attribute's validators on known, non-null values (nested
// attributes and blocks included) and checks block item counts.
void ValidateConfig(const Block& block, const cty::Value& config, Diagnostics& diags);

// PlanChange's result.
struct PlannedChange {
  // The planned new state, conforming to the block's type.
  cty::Value planned;
  // Attributes whose change forces a replacement (from plan modifiers).
  std::vector<AttributePath> requires_replace;
  // Errors from plan modifiers fail the plan.
  Diagnostics diagnostics;
};

// Plans a create (state null) or an update, from Terraform's proposed new
// state: applies defaults where config is null, marks computed attributes
// that config leaves null as unknown when anything changes (as
// terraform-plugin-framework does), nulls write-only attributes, then runs
// plan modifiers and collects the paths that require replacement. Nested
// objects are paired with their prior state by index (lists), key (maps) or
// equality (sets: an unchanged set element keeps its prior state). The full
// order, with what the server does around it: plugin/server/server.h.
PlannedChange PlanChange(const Block& block, const cty::Value& config, const cty::Value& state,
                         const cty::Value& proposed);

// The value with every write-only attribute set to null (they never reach
// plan or state).
cty::Value NullWriteOnly(const Block& block, const cty::Value& value);

// The first path in `value` that is unknown, or nullopt if wholly known.
std::optional<AttributePath> FindUnknown(const cty::Value& value, const AttributePath& at = {});

}  // namespace tfplugin::schema
