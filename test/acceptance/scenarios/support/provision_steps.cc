#include "support/provision_steps.h"

#include "checks.h"
#include "step_actions.h"

namespace vers::acceptance {

Step ProvisionFails(std::string name, std::string hcl, std::vector<std::string> texts,
                    std::vector<Check> checks, std::map<std::string, std::string> extra_files) {
  std::string file = "fail_" + name + ".tf", address = "vers_provision." + name;
  extra_files[file] = std::move(hcl);
  checks.insert(checks.begin(), NotInState(address));
  return {.name = name,
          .files = std::move(extra_files),
          .after_command = [file](Context& ctx) { ctx.workspace.Write(file, ""); },
          .args = {"-target=" + address},
          .expect_error = "Error: ",
          .expect_output = std::move(texts),
          .checks = std::move(checks)};
}

Check SummaryHolds(std::string text) {
  return That("output summary holds \"" + text + "\"", [text](Context& ctx) {
    auto outputs = ctx.workspace.Outputs();
    if (!outputs.ok()) return outputs.status();
    std::string summary = outputs.value()["summary"];
    return summary.find(ctx.Expand(text)) != std::string::npos
               ? Status::Ok()
               : Status::Error("it is \"" + summary + "\"");
  });
}

}  // namespace vers::acceptance
