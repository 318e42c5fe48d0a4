#include "traced_provider.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "checks.h"
#include "process.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

// `s` quoted for sh (the wrapper is a script: strace needs its arguments).
std::string ShellQuoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The strace files of the workspace.
std::vector<std::string> Traces(Context& ctx) {
  std::vector<std::string> traces;
  for (const auto& entry : fs::directory_iterator(ctx.workspace.dir()))
    if (entry.path().filename().string().starts_with("strace."))
      traces.push_back(entry.path().string());
  return traces;
}

}  // namespace

void TraceProvider(Context& ctx) {
  std::string dir = ctx.workspace.dir() + "/traced", rc = dir + ".tfrc";
  fs::create_directories(dir);
  std::string wrapper = dir + "/terraform-provider-vers";
  REQUIRE(WriteFile(wrapper, "#!/bin/sh\nexec strace -f -qq -e trace=execve,openat,creat -o " +
                                 ShellQuoted(ctx.workspace.dir()) + "/strace.$$ " +
                                 ShellQuoted(RequiredEnv("VERS_PROVIDER")) + " \"$@\"\n")
              .ok());
  fs::permissions(wrapper, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  REQUIRE(WriteFile(rc, "provider_installation {\n  dev_overrides { \"hdr/vers\" = " + Quote(dir) +
                            " }\n  direct {}\n}\n")
              .ok());
  ctx.vars["untraced_rc"] = *ctx.workspace.environment().at("TF_CLI_CONFIG_FILE");
  ctx.workspace.SetEnvironment({{"TF_CLI_CONFIG_FILE", rc}});
}

void UntraceProvider(Context& ctx) {
  ctx.workspace.SetEnvironment({{"TF_CLI_CONFIG_FILE", ctx.vars.at("untraced_rc")}});
}

Check ProviderExecdNothingElse() {
  return That("the provider exec'd nothing but itself", [](Context& ctx) {
    auto traces = Traces(ctx);
    if (traces.empty()) return Status::Error("no strace file: the provider was not traced");
    size_t execs = 0;
    for (const auto& trace : traces) {
      std::istringstream lines(ReadFile(trace));
      for (std::string line; std::getline(lines, line);)
        if (line.find("execve(") != std::string::npos) ++execs;
    }
    return Same(std::to_string(execs) + " execve", std::to_string(traces.size()) + " execve");
  });
}

Check ProviderCreatedNoFile() {
  return That("the provider created no file", [](Context& ctx) {
    auto traces = Traces(ctx);
    if (traces.empty()) return Status::Error("no strace file: the provider was not traced");
    for (const auto& trace : traces) {
      std::istringstream lines(ReadFile(trace));
      for (std::string line; std::getline(lines, line);)
        if (line.find("O_CREAT") != std::string::npos && line.find("ENOENT") == std::string::npos)
          return Status::Error(line);
    }
    return Status::Ok();
  });
}

}  // namespace vers::acceptance
