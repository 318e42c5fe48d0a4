#include "test_case.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <regex>
#include <stdexcept>

#include "checks.h"
#include "import_verify.h"
#include "watchdog.h"

namespace vers::acceptance {

std::string TailOf(const std::string& text, size_t max_bytes) {
  return text.size() > max_bytes ? "…" + text.substr(text.size() - max_bytes) : text;
}
namespace {

std::vector<std::string> ArgsOf(Command command) {
  switch (command) {
    case Command::kApply:
      return {"apply", "-auto-approve"};
    case Command::kPlan:
      return {"plan"};
    case Command::kRefreshOnlyApply:
      return {"apply", "-refresh-only", "-auto-approve"};
    case Command::kDestroy:
      return {"destroy", "-auto-approve"};
    case Command::kValidate:
      return {"validate", "-no-color"};
    case Command::kNone:
      return {};
  }
  return {};
}

void RunStepHere(Context& ctx, const Step& step, const std::string& tag);

void RunStep(Context& ctx, const Step& step, const std::string& tag) {
  std::cout << "--- step " + tag + ": " + step.name + "\n";  // one line, whole (RunAtOnce)
  if (!step.copy_from.empty() || !step.subdir.empty()) {
    Workspace here(ctx.workspace.dir(), step.subdir);
    here.SetEnvironment(ctx.workspace.environment());
    if (!step.copy_from.empty())
      std::filesystem::copy(RequiredEnv("VERS_SOURCE_DIR") + "/" + step.copy_from, here.dir(),
                            std::filesystem::copy_options::recursive |
                                std::filesystem::copy_options::overwrite_existing);
    if (!step.subdir.empty()) {
      Context sub{.workspace = here, .vers = ctx.vers, .vergeio = ctx.vergeio, .vars = ctx.vars};
      RunStepHere(sub, step, tag);
      ctx.vars = sub.vars;
      return;
    }
  }
  RunStepHere(ctx, step, tag);
}

void RunStepHere(Context& ctx, const Step& step, const std::string& tag) {
  if (step.pre_config) step.pre_config(ctx);
  for (const auto& [name, content] : step.files) ctx.workspace.Write(name, ctx.Expand(content));
  if (step.expect_actions) {
    auto actions = ctx.workspace.PlannedActions(step.env);
    std::string got, want;
    if (actions.ok())
      for (const auto& a : actions.value()) got += a + "\n";
    for (const auto& a : *step.expect_actions) want += a + "\n";
    Status planned = actions.ok() ? Same(got, want) : actions.status();
    Report(step.name + ": the plan's actions", planned);
    // Applying another plan than the one expected may replace what the case
    // acts on, or wait out a VM's children: the step goes no further.
    if (!planned.ok()) return;
  }
  std::vector<std::string> args = ArgsOf(step.command);
  if (!args.empty()) {
    args.insert(args.end(), step.args.begin(), step.args.end());
    if (step.while_running) {
      auto started = ctx.workspace.Start(args, step.env, "step-" + tag + ".out");
      if (!started.ok()) throw std::runtime_error(started.status().message());
      ctx.running = started.value().pid();
      step.while_running(ctx);
      ctx.last.exit_code = started.value().Wait();
      ctx.running = -1;
      ctx.last.output = ReadFile(ctx.workspace.dir() + "/step-" + tag + ".out");
    } else {
      ctx.last = ctx.workspace.Run(args, step.env);
    }
    if (step.after_command) step.after_command(ctx);
    ctx.workspace.Write("step-" + tag + ".out", ctx.last.output + "\n");
    if (step.expect_error) {
      Report(step.name + ": fails",
             ctx.last.exit_code != 0 ? Status::Ok()
                                     : Status::Error("it succeeded:\n" + TailOf(ctx.last.output)));
      std::regex pattern(ctx.Expand(*step.expect_error),
                         std::regex::ECMAScript | std::regex::multiline);
      Report(step.name + ": with an error matching /" + *step.expect_error + "/",
             std::regex_search(ctx.last.output, pattern) ||
                     std::regex_search(SquashSpace(ctx.last.output), pattern)
                 ? Status::Ok()
                 : Status::Error("the output was:\n" + TailOf(ctx.last.output)));
    } else {
      Report(step.name + ": succeeds",
             ctx.last.exit_code == 0 ? Status::Ok()
                                     : Status::Error("exit " + std::to_string(ctx.last.exit_code) +
                                                     ":\n" + TailOf(ctx.last.output)));
    }
  }
  for (const std::string& text : step.expect_output) {
    Check printed = Printed(text);
    Report(step.name + ": " + printed.what, printed.test(ctx));
  }
  for (const Check& check : step.checks) Report(step.name + ": " + check.what, check.test(ctx));
  if (step.command == Command::kApply && !step.expect_error && step.plan_empty_after)
    Report(step.name + ": the re-plan is empty", ctx.workspace.PlanIsEmpty(step.env));
  if (!step.imports.empty()) VerifyImports(ctx, step, tag);
}

}  // namespace

std::string Context::Expand(const std::string& text) const {
  std::string out;
  size_t pos = 0;
  while (true) {
    size_t open = text.find("{{", pos);
    if (open == std::string::npos) break;
    size_t close = text.find("}}", open);
    if (close == std::string::npos) break;
    std::string name = text.substr(open + 2, close - open - 2);
    auto it = vars.find(name);
    if (it == vars.end()) throw std::runtime_error("no value for {{" + name + "}}");
    out += text.substr(pos, open - pos) + it->second;
    pos = close + 2;
  }
  return out + text.substr(pos);
}

void Report(const std::string& what, const Status& status) {
  // Catch2 takes assertions from one thread at a time (RunAtOnce runs cases in several).
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  if (status.ok()) {
    std::cout << "ok: " << what << "\n";
    SUCCEED(what);
  } else {
    std::cout << "FAIL: " << what << "\n";
    FAIL_CHECK(what << "\n  " << status.message());
  }
}

void Run(const std::string& name, const TestCase& test_case) {
  std::cout << "e2e: " + name + " with " + CliVersion() + "\n";
  Watchdog watchdog;
  TempDir dir(name);
  Workspace workspace(dir.path());
  std::optional<VersLocal> vers;
  std::optional<VergeioLocal> vergeio;
  Context ctx{.workspace = workspace};
  if (test_case.vers_local) {
    vers.emplace(dir.path());
    workspace.SetEnvironment(vers->ProviderEnvironment());
    ctx.vers = &*vers;
    ctx.vars["CA"] = vers->ca_cert_file();
    ctx.vars["VM_DOMAIN"] = vers->vm_domain();
    ctx.vars["SSH_TLS_PORT"] = vers->ssh_tls_port();
  }
  if (test_case.vergeio_local) {
    vergeio.emplace(dir.path());
    workspace.SetEnvironment(vergeio->ProviderEnvironment());
    ctx.vergeio = &*vergeio;
    ctx.vars["VIO_PORT"] = std::to_string(vergeio->port());
    ctx.vars["VIO_CA"] = vergeio->ca_cert_file();
    ctx.vars["VIO_PASSWORD"] = vergeio->password();
  }
  if (test_case.setup) test_case.setup(ctx);
  for (size_t i = 0; i < test_case.steps.size(); ++i)
    RunStep(ctx, test_case.steps[i], std::to_string(i + 1));
  if (test_case.destroy) {
    Step destroy{
        .name = "destroy", .command = Command::kDestroy, .checks = test_case.after_destroy};
    RunStep(ctx, destroy, "end");
  }
}

}  // namespace vers::acceptance
