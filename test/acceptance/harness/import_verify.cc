#include "import_verify.h"

#include <filesystem>

#include "checks.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

bool Ignored(const std::string& key, const std::vector<std::string>& ignore) {
  for (const std::string& prefix : ignore)
    if (key == prefix || key.starts_with(prefix + ".")) return true;
  return false;
}

}  // namespace

Status CompareAttributes(const FlatMap& applied, const FlatMap& imported,
                         const std::vector<std::string>& ignore) {
  std::string differences;
  for (const auto& [key, value] : applied) {
    if (Ignored(key, ignore)) continue;
    auto it = imported.find(key);
    if (it == imported.end())
      differences += "\n  " + key + ": applied \"" + value + "\", imported none";
    else if (it->second != value)
      differences += "\n  " + key + ": applied \"" + value + "\", imported \"" + it->second + "\"";
  }
  for (const auto& [key, value] : imported)
    if (!Ignored(key, ignore) && !applied.contains(key))
      differences += "\n  " + key + ": applied none, imported \"" + value + "\"";
  return differences.empty() ? Status::Ok() : Status::Error("differences:" + differences);
}

namespace {

void CopyConfiguration(const std::string& from, const std::string& to) {
  for (const auto& entry : fs::directory_iterator(from)) {
    std::string ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".tf" || ext == ".tfvars"))
      fs::copy_file(entry.path(), fs::path(to) / entry.path().filename(),
                    fs::copy_options::overwrite_existing);
  }
}

}  // namespace

void VerifyImports(Context& ctx, const Step& step, const std::string& tag) {
  auto applied = ctx.workspace.Resources();
  Report(step.name + ": the applied state is readable", applied.status());
  if (!applied.ok()) return;
  Workspace imported(ctx.workspace.dir(), "import-" + tag);
  imported.SetEnvironment(ctx.workspace.environment());
  CopyConfiguration(ctx.workspace.dir(), imported.dir());
  Context import_ctx{
      .workspace = imported, .vers = ctx.vers, .vergeio = ctx.vergeio, .vars = ctx.vars};
  for (const ImportVerify& import : step.imports) {
    auto resource = applied.value().find(import.address);
    if (resource == applied.value().end()) {
      Report(step.name + ": import " + import.address, Status::NotFound("it was not applied"));
      continue;
    }
    std::string id = import.id ? import.id(resource->second) : resource->second["id"];
    Finished run = imported.Run({"import", import.address, id}, step.env);
    // Kept as the steps' outputs are (e.g. for a check that a secret is in none).
    const std::string saved = imported.dir() + "/import.out";
    if (Status written = WriteFile(saved, ReadFile(saved) + run.output); !written.ok())
      Report(step.name + ": keep the import's output", written);
    Report(step.name + ": import " + import.address,
           run.exit_code == 0 ? Status::Ok() : Status::Error(run.output));
    auto got = imported.Resource(import.address);
    Report(
        step.name + ": imported " + import.address + " matches the applied one",
        got.ok() ? CompareAttributes(resource->second, got.value(), import.ignore) : got.status());
  }
  import_ctx.last = imported.Run({"plan"}, step.env);
  if (Status written = WriteFile(imported.dir() + "/plan.out", import_ctx.last.output);
      !written.ok())
    Report(step.name + ": keep the plan's output", written);
  if (step.import_plan_empty)
    Report(step.name + ": the plan after import is empty", imported.PlanIsEmpty(step.env));
  for (const Check& check : step.import_checks)
    Report(step.name + ": after import: " + check.what, check.test(import_ctx));
  if (step.keep_imported_state)
    fs::copy_file(fs::path(imported.dir()) / "terraform.tfstate",
                  fs::path(ctx.workspace.dir()) / "terraform.tfstate",
                  fs::copy_options::overwrite_existing);
}

}  // namespace vers::acceptance
