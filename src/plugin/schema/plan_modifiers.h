// Built-in attribute plan modifiers, as terraform-plugin-framework users know
// them. They run during PlanResourceChange after defaults and computed-unknown
// marking, in declaration order.
#pragma once

#include <functional>
#include <string>

#include "plugin/schema/schema.h"

namespace tfplugin::schema::plan {

// A change to this attribute (after creation) replaces the resource.
PlanModifier RequiresReplace();
// As RequiresReplace, only when `when(state, plan)` is true; `description`
// says when in docs ("when the disk shrinks").
PlanModifier RequiresReplaceIf(
    std::string description,
    std::function<bool(const cty::Value& state, const cty::Value& plan)> when);
// Keeps the prior state's value instead of "(known after apply)" for a
// computed attribute that does not change once set (ids, creation times).
PlanModifier UseStateForUnknown();

}  // namespace tfplugin::schema::plan
