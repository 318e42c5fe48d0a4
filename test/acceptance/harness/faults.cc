#include "faults.h"

#include <stdexcept>
#include <utility>

namespace vers::acceptance {

Action InjectFaults(std::string faults) {
  return [=](Context& ctx) {
    std::string expanded = ctx.Expand(faults);
    auto set = ctx.vers->Admin("POST", "/faults", expanded);
    if (!set.ok()) throw std::runtime_error("faults " + expanded + ": " + set.status().message());
  };
}

Action ClearFaults() { return InjectFaults("{}"); }

Step UnderFaults(Step step, std::string faults) {
  std::vector<Action> before{InjectFaults(std::move(faults))}, after{ClearFaults()};
  if (step.pre_config) before.push_back(step.pre_config);
  if (step.after_command) after.push_back(step.after_command);
  step.pre_config = Sequence(std::move(before));
  step.after_command = Sequence(std::move(after));
  return step;
}

}  // namespace vers::acceptance
