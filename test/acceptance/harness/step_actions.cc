#include "step_actions.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>

#include "checks.h"
#include "process.h"

namespace vers::acceptance {

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
