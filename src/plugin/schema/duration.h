// Go-style durations ("90s", "5m", "1h30m", "1.5h"), the format Terraform
// users write in `timeouts` blocks and provider settings.
#pragma once

#include <chrono>
#include <string_view>

#include "plugin/base.h"

namespace tfplugin::schema {

// Parses a non-negative duration made of <number><unit> parts, units
// ns, us, µs, ms, s, m, h. Errors say what is accepted.
Result<std::chrono::milliseconds> ParseDuration(std::string_view text);

}  // namespace tfplugin::schema
