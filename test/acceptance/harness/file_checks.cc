#include "file_checks.h"

#include <regex>
#include <sstream>

namespace vers::acceptance {
Check FileLineHas(std::string file, std::vector<std::string> words) {
  std::string what = "one line of " + file + " has:";
  for (const auto& w : words) what += " \"" + w + "\"";
  return {what, [=](Context& ctx) {
            std::string content = ReadFile(ctx.workspace.dir() + "/" + file);
            if (content.empty()) return Status::Error(file + " is empty or absent");
            std::istringstream lines(content);
            for (std::string line; std::getline(lines, line);) {
              bool all = true;
              for (const auto& w : words)
                all = all && line.find(ctx.Expand(w)) != std::string::npos;
              if (all) return Status::Ok();
            }
            return Status::Error("no line has them all; its end:\n" + TailOf(content, 3000));
          }};
}

Check FileMatches(std::string file, std::string pattern) {
  return {file + " matches /" + pattern + "/", [=](Context& ctx) {
            std::string content = ReadFile(ctx.workspace.dir() + "/" + file);
            if (content.empty()) return Status::Error(file + " is empty or absent");
            std::regex re(ctx.Expand(pattern), std::regex::ECMAScript | std::regex::multiline);
            if (std::regex_search(content, re)) return Status::Ok();
            return Status::Error("nothing matches; its end:\n" + TailOf(content, 3000));
          }};
}

}  // namespace vers::acceptance
