// Checks on a file the step's command wrote into its directory (e.g. the
// CLI's log, TF_LOG_PATH), as the step's output checks are on its output.
#pragma once

#include <string>
#include <vector>

#include "test_case.h"

namespace vers::acceptance {

// One line of FILE (relative to the step's directory) holds every one of
// WORDS (expanded).
Check FileLineHas(std::string file, std::vector<std::string> words);
// Some part of FILE matches the ECMAScript regex PATTERN (multi-line: ^ and
// $ match at each line's ends).
Check FileMatches(std::string file, std::string pattern);

}  // namespace vers::acceptance
