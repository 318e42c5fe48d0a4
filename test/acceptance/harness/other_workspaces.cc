#include "other_workspaces.h"

#include <filesystem>
#include <stdexcept>

namespace vers::acceptance {

Workspace CaseWorkspace(const Context& ctx, const std::string& subdir) {
  // Every workspace of a case shares the CLI configuration at its root.
  auto rc = ctx.workspace.environment().find("TF_CLI_CONFIG_FILE");
  if (rc == ctx.workspace.environment().end() || !rc->second)
    throw std::runtime_error("the workspace has no CLI configuration");
  Workspace other(std::filesystem::path(*rc->second).parent_path().string(), subdir);
  other.SetEnvironment(ctx.workspace.environment());
  return other;
}

Action CopyFrom(std::string from, std::string file) {
  return [=](Context& ctx) {
    std::filesystem::copy_file(CaseWorkspace(ctx, from).dir() + "/" + file,
                               ctx.workspace.dir() + "/" + file,
                               std::filesystem::copy_options::overwrite_existing);
  };
}

Check In(std::string subdir, Check check) {
  return {
      "in " + (subdir.empty() ? std::string("the case's workspace") : subdir) + ": " + check.what,
      [=](Context& ctx) {
        Workspace other = CaseWorkspace(ctx, subdir);
        Context there{.workspace = other,
                      .vers = ctx.vers,
                      .vergeio = ctx.vergeio,
                      .vars = ctx.vars,
                      .last = ctx.last};
        Status status = check.test(there);
        ctx.vars = there.vars;
        return status;
      }};
}

}  // namespace vers::acceptance
