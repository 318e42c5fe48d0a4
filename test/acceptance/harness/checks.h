// The checks a step makes, as terraform-plugin-testing's TestCheckFuncs:
// on an attribute of a resource in the state, on a root output, on the
// output of the step's command, and on the backend. Expected values are
// expanded with Context::Expand ({{NAME}}).
#pragma once

#include <string>

#include "test_case.h"

namespace vers::acceptance {

// ADDRESS's attribute KEY (flatmap: "labels.env", "ids.#", "ids.0") equals EXPECTED.
Check Attr(std::string address, std::string key, std::string expected);
// … is set (present and not null).
Check AttrSet(std::string address, std::string key);
// … is absent or null.
Check NoAttr(std::string address, std::string key);
// … matches the ECMAScript regex PATTERN in full.
Check AttrMatches(std::string address, std::string key, std::string pattern);
// ADDRESS's KEY equals OTHER's OTHER_KEY (TestCheckResourceAttrPair).
Check AttrPair(std::string address, std::string key, std::string other, std::string other_key);
// ADDRESS is (or is not) in the state.
Check InState(std::string address);

// Root output NAME (flatmap under it: "ids.0") equals EXPECTED.
Check Output(std::string name, std::string expected);
// A check on the root outputs (flattened) together.
Check Outputs(std::string what, std::function<Status(FlatMap& outputs)> test);
// Root output NAME equals root output OTHER.
Check OutputPair(std::string name, std::string other);

// The step's command printed TEXT (line wrapping ignored) / did not print it.
Check Printed(std::string text);
Check NotPrinted(std::string text);
// No part of the step's output matches the ECMAScript regex PATTERN.
Check NotPrintedPattern(std::string pattern);
// One line of the step's output holds every one of WORDS.
Check LineHas(std::vector<std::string> words);
// Neither the step's output nor a file of the workspace among FILES holds
// TEXT (e.g. a secret; the text is not printed). "*.out" names every step's
// saved output.
Check NowhereIn(std::vector<std::string> files, std::string text);

// vers-local's "vms commits tags" counts equal EXPECTED, e.g. "0 0 0".
Check VersCounters(std::string expected);

// The plan of the configuration is empty.
Check PlanEmpty();
// `plan -detailed-exitcode ARGS` exits EXPECTED (0: nothing to do, 2:
// changes); its output becomes the step's (for Printed/NotPrinted after it).
Check PlanExits(std::vector<std::string> args, int expected);

// Any check: WHAT, and a test that returns OK or says what it found.
Check That(std::string what, std::function<Status(Context&)> test);
// CHECK, reported as WHAT (a scenario's own words for a generic check).
Check Titled(std::string what, Check check);
// A check that two strings are equal, showing both when not.
Status Same(const std::string& got, const std::string& expected);

}  // namespace vers::acceptance
