#include "plugin/schema/duration.h"

#include <cctype>
#include <cstdlib>
#include <string>

namespace tfplugin::schema {

Result<std::chrono::milliseconds> ParseDuration(std::string_view text) {
  const std::string accepted =
      "a duration such as \"30s\", \"5m\" or \"1h30m\" (units: ns, us, ms, s, m, h)";
  if (text.empty()) return Status::Error("empty duration; expected " + accepted);
  if (text == "0") return std::chrono::milliseconds(0);
  double total_ms = 0;
  size_t i = 0;
  while (i < text.size()) {
    size_t start = i;
    while (i < text.size() &&
           (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) {
      ++i;
    }
    if (start == i) {
      return Status::Error("\"" + std::string(text) + "\" is not a duration; expected " + accepted);
    }
    std::string number(text.substr(start, i - start));
    char* end = nullptr;
    double n = std::strtod(number.c_str(), &end);
    if (end != number.c_str() + number.size()) {
      return Status::Error("\"" + std::string(text) + "\" is not a duration; expected " + accepted);
    }
    size_t unit_start = i;
    while (i < text.size() && !std::isdigit(static_cast<unsigned char>(text[i])) &&
           text[i] != '.') {
      ++i;
    }
    std::string_view unit = text.substr(unit_start, i - unit_start);
    double scale;
    if (unit == "h") {
      scale = 3600e3;
    } else if (unit == "m") {
      scale = 60e3;
    } else if (unit == "s") {
      scale = 1e3;
    } else if (unit == "ms") {
      scale = 1;
    } else if (unit == "us" || unit == "\xC2\xB5s") {
      scale = 1e-3;
    } else if (unit == "ns") {
      scale = 1e-6;
    } else {
      return Status::Error("\"" + std::string(text) + "\" has " +
                           (unit.empty() ? std::string("a number without a unit")
                                         : "an unknown unit \"" + std::string(unit) + "\"") +
                           "; expected " + accepted);
    }
    total_ms += n * scale;
  }
  if (total_ms > 1e13) return Status::Error("\"" + std::string(text) + "\" is too long a duration");
  return std::chrono::milliseconds(static_cast<int64_t>(total_ms));
}

}  // namespace tfplugin::schema
