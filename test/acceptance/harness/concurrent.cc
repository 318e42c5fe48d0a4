#include "concurrent.h"

#include <stdexcept>

#include "other_workspaces.h"

namespace vers::acceptance {

namespace {
constexpr char kOutput[] = "concurrent-apply.out";
}  // namespace

Action ApplyConcurrently(std::vector<std::string> subdirs, Action while_running) {
  return [=](Context& ctx) {
    std::vector<ChildProcess> applies;
    for (const std::string& subdir : subdirs) {
      auto started = CaseWorkspace(ctx, subdir).Start({"apply", "-auto-approve"}, {}, kOutput);
      if (!started.ok()) throw std::runtime_error(started.status().message());
      applies.push_back(std::move(started.value()));
    }
    if (while_running) while_running(ctx);
    for (size_t i = 0; i < subdirs.size(); ++i)
      ctx.vars["exit:" + subdirs[i]] = std::to_string(applies[i].Wait());
  };
}

Check ConcurrentApplySucceeded(std::string subdir) {
  return {"the concurrent apply in " + subdir + " succeeds", [=](Context& ctx) {
            auto code = ctx.vars.find("exit:" + subdir);
            if (code == ctx.vars.end()) return Status::NotFound("it did not run");
            if (code->second == "0") return Status::Ok();
            return Status::Error("exit " + code->second + ":\n" +
                                 ReadFile(CaseWorkspace(ctx, subdir).dir() + "/" + kOutput));
          }};
}

}  // namespace vers::acceptance
