#include "actions.h"

#include <regex>
#include <stdexcept>

#include "checks.h"

namespace vers::acceptance {
namespace {

std::vector<std::string> Expanded(const Context& ctx, const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& arg : args) out.push_back(ctx.Expand(arg));
  return out;
}

}  // namespace

std::string Joined(const std::vector<std::string>& args) {
  std::string out;
  for (const std::string& arg : args) out += (out.empty() ? "" : " ") + arg;
  return out;
}

Action Sequence(std::vector<Action> actions) {
  return [=](Context& ctx) {
    for (const Action& action : actions) action(ctx);
  };
}

Action RunCli(std::vector<std::string> args) {
  return [=](Context& ctx) { ctx.last = ctx.workspace.Run(Expanded(ctx, args)); };
}

Action AppendTo(std::string path, std::string text) {
  return [=](Context& ctx) {
    std::string file = ctx.workspace.dir() + "/" + path;
    Status written = WriteFile(file, ReadFile(file) + ctx.Expand(text));
    if (!written.ok()) throw std::runtime_error(written.message());
  };
}

Action ReplaceIn(std::string path, std::string pattern, std::string replacement) {
  return [=](Context& ctx) {
    std::string file = ctx.workspace.dir() + "/" + path;
    std::string text = ReadFile(file);
    std::regex re(pattern, std::regex::ECMAScript | std::regex::multiline);
    if (!std::regex_search(text, re))
      throw std::runtime_error(file + " has nothing matching /" + pattern + "/");
    Status written = WriteFile(file, std::regex_replace(text, re, replacement));
    if (!written.ok()) throw std::runtime_error(written.message());
  };
}

Check Do(std::string what, Action action) {
  return {std::move(what), [=](Context& ctx) {
            action(ctx);
            return Status::Ok();
          }};
}

Action Require(Check check) {
  return [=](Context& ctx) {
    Status status = check.test(ctx);
    Report(check.what, status);
    if (!status.ok()) throw std::runtime_error(check.what + ": " + status.message());
  };
}

Check CliSucceeds(std::vector<std::string> args) {
  return {Joined(args) + " succeeds", [=](Context& ctx) {
            RunCli(args)(ctx);
            if (ctx.last.exit_code == 0) return Status::Ok();
            return Status::Error("exit " + std::to_string(ctx.last.exit_code) + ":\n" +
                                 ctx.last.output);
          }};
}

Check CliFails(std::vector<std::string> args, std::string text) {
  return {Joined(args) + " fails, printing: " + text, [=](Context& ctx) {
            RunCli(args)(ctx);
            if (ctx.last.exit_code == 0) return Status::Error("it succeeded:\n" + ctx.last.output);
            if (ContainsText(ctx.last.output, ctx.Expand(text))) return Status::Ok();
            return Status::Error("the output lacks it; it was:\n" + ctx.last.output);
          }};
}

Check LastFailed() {
  return {"the command failed", [](Context& ctx) {
            if (ctx.last.exit_code != 0) return Status::Ok();
            return Status::Error("it succeeded:\n" + ctx.last.output);
          }};
}

Check Remember(std::string var, std::string address, std::string key) {
  return {"{{" + var + "}} := " + address + "." + key, [=](Context& ctx) {
            auto resource = ctx.workspace.Resource(address);
            if (!resource.ok()) return resource.status();
            auto it = resource.value().find(key);
            if (it == resource.value().end()) return Status::NotFound(address + "." + key);
            ctx.vars[var] = it->second;
            return Status::Ok();
          }};
}

Check VarIs(std::string var, std::string expected) {
  return {"{{" + var + "}} = " + expected, [=](Context& ctx) {
            auto it = ctx.vars.find(var);
            if (it == ctx.vars.end()) return Status::NotFound("{{" + var + "}} was not set");
            return Same(it->second, ctx.Expand(expected));
          }};
}

}  // namespace vers::acceptance
