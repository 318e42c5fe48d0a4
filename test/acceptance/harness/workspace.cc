#include "workspace.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "cli_config.h"

namespace vers::acceptance {
namespace {

// Commands that take -no-color and -input=false.
bool TakesInputFlags(const std::string& command) {
  static const std::vector<std::string> kCommands = {"apply", "plan", "destroy", "import",
                                                     "refresh"};
  return std::find(kCommands.begin(), kCommands.end(), command) != kCommands.end();
}

}  // namespace

std::string SquashSpace(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

std::string Tail(const std::string& text, size_t lines) {
  size_t pos = text.size();
  while (lines-- > 0 && pos > 0) {
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) return text;
  }
  return text.substr(pos);
}

// The resources of a flattened module of `show -json` and of its child
// modules, by address.
void AddModuleResources(FlatMap module, std::map<std::string, FlatMap>& out) {
  auto count = [&](const std::string& key) { return std::atoi(module[key].c_str()); };
  for (int i = 0; i < count("resources.#"); ++i) {
    FlatMap resource = Under(module, "resources." + std::to_string(i));
    out[resource["address"]] = Under(resource, "values");
  }
  for (int i = 0; i < count("child_modules.#"); ++i)
    AddModuleResources(Under(module, "child_modules." + std::to_string(i)), out);
}

}  // namespace

Workspace::Workspace(std::string dir, std::string subdir) {
  std::string rc = dir + "/cli.tfrc";
  if (!std::filesystem::exists(rc)) {  // a case's UseCliConfig may have written another
    auto written = WriteFile(rc, DevBuild().Text(dir));
    if (!written.ok()) throw std::runtime_error(written.message());
  }
  dir_ = subdir.empty() ? dir : dir + "/" + subdir;
  std::filesystem::create_directories(dir_);
  env_ = {{"TF_CLI_CONFIG_FILE", rc},         {"TF_IN_AUTOMATION", "1"},
          {"CHECKPOINT_DISABLE", "1"},        {"TF_LOG", std::nullopt},
          {"TF_LOG_PROVIDER", std::nullopt},  {"VERS_API_KEY", std::nullopt},
          {"VERS_BASE_URL", std::nullopt},    {"VERS_VM_DOMAIN", std::nullopt},
          {"VERS_SSH_TLS_PORT", std::nullopt}};
}

void Workspace::SetEnvironment(const Environment& env) {
  for (const auto& [name, value] : env) env_[name] = value;
}

Finished Workspace::RunProgram(std::vector<std::string> argv, const Environment& extra) const {
  Invocation command{.argv = std::move(argv), .env = env_, .cwd = dir_};
  for (const auto& [name, value] : extra) command.env[name] = value;
  auto finished = RunToEnd(command);
  if (!finished.ok()) return {.exit_code = -1, .output = finished.status().message()};
  return finished.value();
}

Invocation Workspace::CliInvocation(std::vector<std::string> args, const Environment& extra) const {
  std::vector<std::string> argv{RequiredEnv("VERS_TOFU")};
  if (!args.empty() && TakesInputFlags(args[0])) {
    argv.push_back(args[0]);
    argv.push_back("-no-color");
    argv.push_back("-input=false");
    argv.insert(argv.end(), args.begin() + 1, args.end());
  } else {
    argv.insert(argv.end(), args.begin(), args.end());
  }
  Invocation command{.argv = std::move(argv), .env = env_, .cwd = dir_};
  for (const auto& [name, value] : extra) command.env[name] = value;
  return command;
}

Finished Workspace::Run(std::vector<std::string> args, const Environment& extra) const {
  auto finished = RunToEnd(CliInvocation(std::move(args), extra));
  if (!finished.ok()) return {.exit_code = -1, .output = finished.status().message()};
  return finished.value();
}

Result<ChildProcess> Workspace::Start(std::vector<std::string> args, const Environment& extra,
                                      const std::string& output_name) const {
  Invocation command = CliInvocation(std::move(args), extra);
  command.output_file = dir_ + "/" + output_name;
  return ChildProcess::Start(command);
}

Result<std::map<std::string, FlatMap>> Workspace::Resources() const {
  Finished shown = Run({"show", "-json"});
  if (shown.exit_code != 0) return Status::Error("show -json failed: " + shown.output);
  std::map<std::string, FlatMap> out;
  auto root = Flatten(shown.output, "/values/root_module");
  if (!root.ok()) return out;  // an empty state has no values
  AddModuleResources(root.value(), out);
  return out;
}

Result<FlatMap> Workspace::Resource(const std::string& address) const {
  auto all = Resources();
  if (!all.ok()) return all.status();
  auto it = all.value().find(address);
  if (it == all.value().end()) return Status::NotFound(address + " is not in the state");
  return it->second;
}

Result<FlatMap> Workspace::Outputs() const {
  Finished shown = Run({"show", "-json"});
  if (shown.exit_code != 0) return Status::Error("show -json failed: " + shown.output);
  auto outputs = Flatten(shown.output, "/values/outputs");
  if (!outputs.ok()) return FlatMap{};
  FlatMap values;  // "NAME.value.x" -> "NAME.x"
  for (const auto& [key, value] : outputs.value()) {
    auto dot = key.find('.');
    if (dot == std::string::npos || key.compare(dot, 6, ".value") != 0) continue;
    values[key.substr(0, dot) + key.substr(dot + 6)] = value;
  }
  return values;
}

Result<std::vector<std::string>> Workspace::PlannedActions(const Environment& extra) const {
  Finished planned = Run({"plan", "-out=actions.plan"}, extra);
  if (planned.exit_code != 0) return Status::Error("plan failed:\n" + Tail(planned.output, 40));
  Finished shown = Run({"show", "-json", "actions.plan"}, extra);
  auto changes = FlattenRows(shown.output, "/resource_changes");
  std::vector<std::string> actions;
  if (!changes.ok()) return actions;
  for (const FlatMap& change : changes.value()) {
    FlatMap a = Under(change, "change.actions");
    std::string joined;
    for (int i = 0; i < std::stoi(a["#"]); ++i) joined += (i ? "," : "") + a[std::to_string(i)];
    if (joined != "no-op" && joined != "read")
      actions.push_back(change.at("address") + " " + joined);
  }
  std::sort(actions.begin(), actions.end());
  return actions;
}

Status Workspace::PlanIsEmpty(const Environment& extra) const {
  Finished plan = Run({"plan", "-detailed-exitcode"}, extra);
  if (plan.exit_code == 0) return Status::Ok();
  return Status::Error("plan exit " + std::to_string(plan.exit_code) + ":\n" +
                       Tail(plan.output, 40));
}

Status Workspace::RefreshIsEmpty(const Environment& extra) const {
  Finished plan = Run({"plan", "-refresh-only", "-detailed-exitcode"}, extra);
  if (plan.exit_code == 0) return Status::Ok();
  return Status::Error("refresh-only plan exit " + std::to_string(plan.exit_code) + ":\n" +
                       Tail(plan.output, 60));
}

void Workspace::Write(const std::string& name, const std::string& content) const {
  std::string path = dir_ + "/" + name;
  if (content.empty()) {
    std::filesystem::remove(path);
    return;
  }
  auto written = WriteFile(path, content);
  if (!written.ok()) throw std::runtime_error(written.message());
}

std::string CliVersion() {
  auto version = RunToEnd({.argv = {RequiredEnv("VERS_TOFU"), "version"},
                           .env = {{"TF_CLI_CONFIG_FILE", "/dev/null"}}});
  if (!version.ok()) return version.status().message();
  const std::string& out = version.value().output;
  return out.substr(0, out.find('\n'));
}

bool ContainsText(const std::string& text, const std::string& wanted) {
  return text.find(wanted) != std::string::npos ||
         SquashSpace(text).find(SquashSpace(wanted)) != std::string::npos;
}

}  // namespace vers::acceptance
