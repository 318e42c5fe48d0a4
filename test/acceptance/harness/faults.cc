#include "faults.h"

#include <stdexcept>

namespace vers::acceptance {

Action InjectFaults(std::string faults) {
  return [=](Context& ctx) {
    auto set = ctx.vers->Admin("POST", "/faults", faults);
    if (!set.ok()) throw std::runtime_error("faults " + faults + ": " + set.status().message());
  };
}

Action ClearFaults() { return InjectFaults("{}"); }

}  // namespace vers::acceptance
