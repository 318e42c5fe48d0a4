#include "reruns.h"

#include <algorithm>
#include <iostream>
#include <sstream>

namespace vers::acceptance {
namespace {

// Each line starting "Error" with the 8 lines after it (grep -A8 '^Error'),
// at most 40 lines, each prefixed with "  [LABEL] ".
std::string ErrorLines(const std::string& output, const std::string& label) {
  std::istringstream in(output);
  std::string line, out;
  int after = 0, lines = 0;
  while (std::getline(in, line) && lines < 40) {
    if (line.starts_with("Error")) after = 9;
    if (after > 0) {
      --after;
      ++lines;
      out += "  [" + label + "] " + line + "\n";
    }
  }
  return out;
}

}  // namespace

Check CliSucceedsWithin(int runs, std::vector<std::string> args, std::string label) {
  std::string what = Joined(args) + " succeeds within " + std::to_string(runs) + " runs";
  return {what, [=](Context& ctx) {
            int run = 0;
            for (run = 1; run <= runs; ++run) {
              RunCli(args)(ctx);
              std::string saved = label + "-" + std::to_string(run) + ".out";
              ctx.workspace.Write(saved, ctx.last.output + "\n");
              if (ctx.last.exit_code == 0) break;
              if (run < runs)  // one string: whole, when cases run at once
                std::cout << label + ": run " + std::to_string(run) +
                                 " failed, so another follows:\n" +
                                 ErrorLines(ctx.last.output, saved);
            }
            int made = std::min(run, runs);
            ctx.vars[label + "_runs"] = std::to_string(made);
            std::cout << label + ": " + std::to_string(made) + " of at most " +
                             std::to_string(runs) + " runs made, the last " +
                             (ctx.last.exit_code == 0 ? "succeeded" : "failed") + "\n";
            if (ctx.last.exit_code == 0) return Status::Ok();
            return Status::Error("run " + std::to_string(made) + " of " + std::to_string(runs) +
                                 " failed too (exit " + std::to_string(ctx.last.exit_code) +
                                 "):\n" + TailOf(ctx.last.output, 3000));
          }};
}

}  // namespace vers::acceptance
