#include "checks.h"

#include <filesystem>
#include <regex>
#include <sstream>

namespace vers::acceptance {
namespace {

Result<std::string> AttrOf(Context& ctx, const std::string& address, const std::string& key) {
  auto resource = ctx.workspace.Resource(address);
  if (!resource.ok()) return resource.status();
  auto it = resource.value().find(key);
  if (it == resource.value().end()) return Status::NotFound(address + "." + key + " is not set");
  return it->second;
}

Result<std::string> OutputOf(Context& ctx, const std::string& name) {
  auto outputs = ctx.workspace.Outputs();
  if (!outputs.ok()) return outputs.status();
  auto it = outputs.value().find(name);
  if (it == outputs.value().end()) return Status::NotFound("no output " + name);
  return it->second;
}

// FILES with "*.out" replaced by the workspace's files named so.
std::vector<std::string> Expand(const std::string& dir, const std::vector<std::string>& files) {
  std::vector<std::string> out;
  for (const std::string& file : files) {
    if (file != "*.out") {
      out.push_back(file);
      continue;
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      if (entry.path().extension() == ".out") out.push_back(entry.path().filename());
  }
  return out;
}

}  // namespace

Status Same(const std::string& got, const std::string& expected) {
  if (got == expected) return Status::Ok();
  return Status::Error("got \"" + got + "\", expected \"" + expected + "\"");
}

Check PlanExits(std::vector<std::string> args, int expected) {
  std::string what = "plan -detailed-exitcode";
  for (const auto& a : args) what += " " + a;
  return {what + " exits " + std::to_string(expected), [=](Context& ctx) {
            std::vector<std::string> argv{"plan", "-detailed-exitcode"};
            argv.insert(argv.end(), args.begin(), args.end());
            ctx.last = ctx.workspace.Run(argv);
            if (ctx.last.exit_code == expected) return Status::Ok();
            return Status::Error("it exited " + std::to_string(ctx.last.exit_code) + ":\n" +
                                 ctx.last.output);
          }};
}

Check That(std::string what, std::function<Status(Context&)> test) {
  return {std::move(what), std::move(test)};
}

Check Titled(std::string what, Check check) {
  check.what = std::move(what);
  return check;
}

Check Attr(std::string address, std::string key, std::string expected) {
  return {address + "." + key + " = " + expected, [=](Context& ctx) {
            auto got = AttrOf(ctx, address, key);
            return got.ok() ? Same(got.value(), ctx.Expand(expected)) : got.status();
          }};
}

Check AttrSet(std::string address, std::string key) {
  return {address + "." + key + " is set",
          [=](Context& ctx) { return AttrOf(ctx, address, key).status(); }};
}

Check NoAttr(std::string address, std::string key) {
  return {address + "." + key + " is null", [=](Context& ctx) {
            auto got = AttrOf(ctx, address, key);
            if (got.ok()) return Status::Error("it is \"" + got.value() + "\"");
            return got.status().is_not_found() ? Status::Ok() : got.status();
          }};
}

Check AttrMatches(std::string address, std::string key, std::string pattern) {
  return {address + "." + key + " matches " + pattern, [=](Context& ctx) {
            auto got = AttrOf(ctx, address, key);
            if (!got.ok()) return got.status();
            if (std::regex_match(got.value(), std::regex(ctx.Expand(pattern)))) return Status::Ok();
            return Status::Error("it is \"" + got.value() + "\"");
          }};
}

Check AttrPair(std::string address, std::string key, std::string other, std::string other_key) {
  return {address + "." + key + " = " + other + "." + other_key, [=](Context& ctx) {
            auto got = AttrOf(ctx, address, key);
            auto want = AttrOf(ctx, other, other_key);
            if (!got.ok()) return got.status();
            return want.ok() ? Same(got.value(), want.value()) : want.status();
          }};
}

Check InState(std::string address) {
  return {address + " is in the state",
          [=](Context& ctx) { return ctx.workspace.Resource(address).status(); }};
}

Check Output(std::string name, std::string expected) {
  return {"output " + name + " = " + expected, [=](Context& ctx) {
            auto got = OutputOf(ctx, name);
            return got.ok() ? Same(got.value(), ctx.Expand(expected)) : got.status();
          }};
}

Check Outputs(std::string what, std::function<Status(FlatMap& outputs)> test) {
  return {std::move(what), [=](Context& ctx) {
            auto outputs = ctx.workspace.Outputs();
            return outputs.ok() ? test(outputs.value()) : outputs.status();
          }};
}

Check OutputPair(std::string name, std::string other) {
  return {"output " + name + " = output " + other, [=](Context& ctx) {
            auto got = OutputOf(ctx, name);
            auto want = OutputOf(ctx, other);
            if (!got.ok()) return got.status();
            return want.ok() ? Same(got.value(), want.value()) : want.status();
          }};
}

Check Printed(std::string text) {
  return {"printed: " + text, [=](Context& ctx) {
            std::string wanted = ctx.Expand(text);
            if (ContainsText(ctx.last.output, wanted)) return Status::Ok();
            return Status::Error("the output lacks it; it was:\n" + ctx.last.output);
          }};
}

Check NotPrinted(std::string text) {
  return {"did not print: " + text, [=](Context& ctx) {
            if (!ContainsText(ctx.last.output, ctx.Expand(text))) return Status::Ok();
            return Status::Error("the output has it:\n" + ctx.last.output);
          }};
}

Check LineHas(std::vector<std::string> words) {
  std::string what = "one line has:";
  for (const auto& w : words) what += " \"" + w + "\"";
  return {what, [=](Context& ctx) {
            std::istringstream lines(ctx.last.output);
            for (std::string line; std::getline(lines, line);) {
              bool all = true;
              for (const auto& w : words)
                all = all && line.find(ctx.Expand(w)) != std::string::npos;
              if (all) return Status::Ok();
            }
            return Status::Error("no line has them all; the output was:\n" + ctx.last.output);
          }};
}

Check NotPrintedPattern(std::string pattern) {
  return {"nothing printed matches /" + pattern + "/", [=](Context& ctx) {
            std::smatch found;
            if (!std::regex_search(ctx.last.output, found, std::regex(pattern)))
              return Status::Ok();
            return Status::Error("the output has \"" + found.str() + "\"");
          }};
}

Check NowhereIn(std::vector<std::string> files, std::string text) {
  return {"neither the output nor a named file holds the text", [=](Context& ctx) {
            std::string wanted = ctx.Expand(text);
            if (ctx.last.output.find(wanted) != std::string::npos)
              return Status::Error("the step's output holds it");
            for (const std::string& file : Expand(ctx.workspace.dir(), files))
              if (ReadFile(ctx.workspace.dir() + "/" + file).find(wanted) != std::string::npos)
                return Status::Error(file + " holds it");
            return Status::Ok();
          }};
}

Check VersCounters(std::string expected) {
  return {"vers-local holds (vms commits tags) " + expected,
          [=](Context& ctx) { return Same(ctx.vers->Counters(), expected); }};
}

Check PlanEmpty() {
  return {"the plan is empty", [](Context& ctx) { return ctx.workspace.PlanIsEmpty(); }};
}

}  // namespace vers::acceptance
