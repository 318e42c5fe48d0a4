#include "step_actions.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>

#include "checks.h"
#include "process.h"

namespace vers::acceptance {

Action Sequence(std::vector<Action> actions) {
  return [actions](Context& ctx) {
    for (const Action& action : actions) action(ctx);
  };
}

Action Remember(std::string var, std::string address, std::string key) {
  return [=](Context& ctx) {
    auto resource = ctx.workspace.Resource(address);
    REQUIRE(resource.ok());
    REQUIRE(resource.value().contains(key));
    ctx.vars[var] = resource.value().at(key);
  };
}

Action VersFault(std::string json) {
  return [json](Context& ctx) {
    auto set = ctx.vers->Admin("POST", "/faults", ctx.Expand(json));
    INFO(set.status().message());
    REQUIRE(set.ok());
  };
}

Action ClearVersFaults() { return VersFault("{}"); }

Step UnderVersFault(Step step, std::string json) {
  std::vector<Action> before{VersFault(std::move(json))}, after{ClearVersFaults()};
  if (step.pre_config) before.push_back(step.pre_config);
  if (step.after_command) after.push_back(step.after_command);
  step.pre_config = Sequence(std::move(before));
  step.after_command = Sequence(std::move(after));
  return step;
}

AnotherVersLocal::AnotherVersLocal(std::string name) {
  auto held = std::make_shared<std::optional<VersLocal>>();
  start = [held, name](Context& ctx) {
    std::string dir = ctx.workspace.dir() + "/" + name;
    std::filesystem::create_directories(dir);
    held->emplace(dir);
    ctx.vars[name + "_ssh_tls_port"] = (*held)->ssh_tls_port();
  };
  stop = [held](Context&) { held->reset(); };
}

Action RewriteState(std::string old_json, std::string new_json) {
  return [=](Context& ctx) {
    std::string path = ctx.workspace.dir() + "/terraform.tfstate";
    std::string state = ReadFile(path);
    size_t at = state.find(old_json);
    INFO("looking for " << old_json << " in " << path);
    REQUIRE(at != std::string::npos);
    REQUIRE(state.find(old_json, at + 1) == std::string::npos);
    state.replace(at, old_json.size(), new_json);
    REQUIRE(WriteFile(path, state).ok());
  };
}

Check NotInState(std::string address) {
  return That(address + " is not in the state", [=](Context& ctx) {
    auto resource = ctx.workspace.Resource(address);
    if (resource.ok()) return Status::Error("it is");
    return resource.status().is_not_found() ? Status::Ok() : resource.status();
  });
}

}  // namespace vers::acceptance
