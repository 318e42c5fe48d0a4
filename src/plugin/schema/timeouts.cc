#include "plugin/schema/timeouts.h"

#include "plugin/schema/duration.h"
#include "plugin/schema/validators.h"

namespace tfplugin::schema {

NestedBlock TimeoutsBlock(const std::vector<std::string>& operations) {
  Block block;
  block.description = "How long each operation may take before it fails.";
  for (const auto& op : operations) {
    block.attributes.push_back(
        Attribute::String(op)
            .Optional()
            .Description("Time limit for " + op + ", as a duration such as `30s`, `10m` or `1h`.")
            .Validate(validators::Duration()));
  }
  return MakeNestedBlock("timeouts", Nesting::kSingle, std::move(block));
}

std::chrono::milliseconds TimeoutFor(const cty::Value& resource, const std::string& operation,
                                     std::chrono::milliseconds fallback) {
  if (!resource.is_known() || resource.is_null()) return fallback;
  cty::Value timeouts = resource.GetAttr("timeouts");
  if (!timeouts.is_known() || timeouts.is_null()) return fallback;
  cty::Value v = timeouts.GetAttr(operation);
  if (!v.is_known() || v.is_null()) return fallback;
  auto d = ParseDuration(v.AsString());
  return d.ok() ? d.value() : fallback;
}

}  // namespace tfplugin::schema
