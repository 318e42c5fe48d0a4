#include "support/provision_steps.h"

#include "checks.h"
#include "local_files.h"
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

std::function<void(Context&)> MakeProvisionPayload(std::uint64_t big_size) {
  return [big_size](Context& ctx) {
    MakeLocalFiles({RandomFile("payload/big.bin", big_size),
                    TextFile("payload/tree/a.txt", "one\n"),
                    TextFile("payload/tree/sub/tool.sh", "#!/bin/sh\necho tool-ran\n", 0755)})(ctx);
    std::uint64_t bytes = 10;  // "secret=42\n"
    for (const char* file : {"payload/big.bin", "payload/tree/a.txt", "payload/tree/sub/tool.sh"})
      bytes += std::stoull(ctx.vars["size:" + std::string(file)]);
    ctx.vars["bytes"] = std::to_string(bytes);
  };
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
