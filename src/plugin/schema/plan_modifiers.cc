#include "plugin/schema/plan_modifiers.h"

namespace tfplugin::schema::plan {

PlanModifier RequiresReplace() {
  return RequiresReplaceIf("", [](const cty::Value&, const cty::Value&) { return true; });
}

PlanModifier RequiresReplaceIf(std::string description,
                               std::function<bool(const cty::Value&, const cty::Value&)> when) {
  std::string doc = description.empty()
                        ? "Changing this replaces the resource."
                        : "Changing this replaces the resource " + description + ".";
  return {doc,
          [when = std::move(when)](const PlanModifierRequest& req, PlanModifierResponse& resp) {
            if (req.creating || req.destroying) return;
            // An unknown plan may or may not differ; Terraform re-plans after apply
            // of upstream values, so only a known difference replaces here.
            if (!resp.plan.is_known() && req.config.is_known()) return;
            if (resp.plan == req.state) return;
            if (when(req.state, resp.plan)) resp.requires_replace = true;
          }};
}

PlanModifier UseStateForUnknown() {
  return {"Keeps its value across updates.",
          [](const PlanModifierRequest& req, PlanModifierResponse& resp) {
            if (req.creating || req.destroying || req.state.is_null()) return;
            if (resp.plan.is_known() || !req.config.is_null()) return;
            resp.plan = req.state;
          }};
}

}  // namespace tfplugin::schema::plan
