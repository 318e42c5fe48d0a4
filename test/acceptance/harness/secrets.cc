#include "secrets.h"

#include <filesystem>

#include "other_workspaces.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

std::string CaseDir(const Context& ctx) { return CaseWorkspace(ctx, "").dir(); }

}  // namespace

Action TraceProviderTo(std::string file) {
  return [=](Context& ctx) {
    ctx.workspace.SetEnvironment(
        {{"TF_LOG_PROVIDER", "trace"}, {"TF_LOG_PATH", CaseDir(ctx) + "/" + file}});
  };
}

Check NotLeaked(std::string text, std::vector<std::string> files) {
  std::string what = "no output of the CLI";
  for (const std::string& file : files) what += ", nor " + file + ",";
  return {what + " holds the secret", [=](Context& ctx) {
            std::string secret = ctx.Expand(text), dir = CaseDir(ctx);
            if (ctx.last.output.find(secret) != std::string::npos)
              return Status::Error("the step's output holds it");
            std::vector<fs::path> paths;
            for (const std::string& file : files) paths.push_back(fs::path(dir) / file);
            for (auto it = fs::recursive_directory_iterator(
                     dir, fs::directory_options::skip_permission_denied);
                 it != fs::recursive_directory_iterator(); ++it) {
              // The backends' data (VM disks) is no output of the CLI.
              if (ctx.vers && it->path() == fs::path(ctx.vers->data_dir())) {
                it.disable_recursion_pending();
                continue;
              }
              if (it->is_regular_file() && it->path().extension() == ".out")
                paths.push_back(it->path());
            }
            for (const fs::path& path : paths)
              if (ReadFile(path).find(secret) != std::string::npos)
                return Status::Error(path.string() + " holds it");
            return paths.empty() ? Status::Error("no output to look into") : Status::Ok();
          }};
}

Check FileHas(std::string file, std::string text) {
  return {file + " holds: " + text, [=](Context& ctx) {
            std::string content = ReadFile(CaseDir(ctx) + "/" + file);
            if (content.find(ctx.Expand(text)) != std::string::npos) return Status::Ok();
            return Status::Error(content.empty() ? "it is empty or absent" : "it lacks it");
          }};
}

}  // namespace vers::acceptance
