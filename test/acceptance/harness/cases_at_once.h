// Test cases run at the same time, each in a thread of its own with its own
// backends and workspace: for cases whose time is mostly waiting (the fault
// storm's retries and backoffs), one case's waits overlap another's work.
#pragma once

#include <string>
#include <vector>

#include "test_case.h"

namespace vers::acceptance {

// Runs each of CASES as Run(NAME, case) does, all at once, and returns once
// every one has ended. Checks are reported as they come (Report serializes
// them: each case's step names should say whose they are). An exception that
// ends a case (e.g. a backend that does not start) ends only that case; the
// first one is rethrown once all have ended.
void RunAtOnce(const std::string& name, const std::vector<TestCase>& cases);

}  // namespace vers::acceptance
