#include "vers_moments.h"

#include <sstream>

#include "json_flat.h"

namespace vers::acceptance {

Moment VersCommitsAtLeast(int count) {
  return {"vers-local held " + std::to_string(count) + " commits", [count](Context& ctx) {
            std::istringstream counters(ctx.vers->Counters());  // "vms commits tags"
            int vms = 0, commits = 0;
            return counters >> vms >> commits && commits >= count;
          }};
}

Moment VersVmsLabelled(std::string key, std::string value, int count) {
  return {"the API listed " + std::to_string(count) + " VMs labelled " + key + " = " + value,
          [=](Context& ctx) {
            auto listed = ctx.vers->Api("GET", "/vms");
            if (!listed.ok()) return false;
            auto vms = FlattenRows(listed.value());
            if (!vms.ok()) return false;
            int labelled = 0;
            for (const FlatMap& vm : vms.value()) {
              auto label = vm.find("labels." + key);
              labelled += label != vm.end() && label->second == value ? 1 : 0;
            }
            return labelled >= count;
          }};
}

}  // namespace vers::acceptance
