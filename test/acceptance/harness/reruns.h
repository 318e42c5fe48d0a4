// Running a CLI command again after it failed, as an operator does after a
// transient outage: the check that a command converges within a number of
// runs (e.g. an apply through a fault storm: at most 2 applies).
#pragma once

#include <string>
#include <vector>

#include "actions.h"

namespace vers::acceptance {

// The CLI with ARGS (expanded) exits 0 within RUNS runs, each run made only
// after the one before failed. Each run's output is saved in the step's
// directory as LABEL-<run>.out and the last becomes ctx.last; a failed run
// followed by another has its "Error" lines printed (not a failure: a record
// of what made the command need another run); when the last run fails too,
// the check's message holds the end of its output. Prints and remembers the
// number of runs made as {{LABEL_runs}}.
Check CliSucceedsWithin(int runs, std::vector<std::string> args, std::string label);

}  // namespace vers::acceptance
