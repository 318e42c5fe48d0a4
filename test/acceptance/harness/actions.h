// Actions a step takes besides its command (a Step's pre_config, after_command
// or while_running), and the checks that run the CLI or remember a value for
// later steps. Arguments and expected texts are expanded with Context::Expand.
// A check is an action through Require, an action a check through Do.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "test_case.h"

namespace vers::acceptance {

using Action = std::function<void(Context&)>;

// ARGS joined by spaces, as a check's title shows a command.
std::string Joined(const std::vector<std::string>& args);

// Runs each of ACTIONS in turn.
Action Sequence(std::vector<Action> actions);
// Runs the CLI with ARGS (expanded); its exit code and output become ctx.last.
Action RunCli(std::vector<std::string> args);
// Appends TEXT (expanded) to the file PATH of the step's directory.
Action AppendTo(std::string path, std::string text);
// Replaces each match of the ECMAScript regex PATTERN (multi-line) in the file
// PATH of the step's directory by REPLACEMENT ($& names the match), as sed
// would; throws when nothing matches (the file is not what the case expects).
Action ReplaceIn(std::string path, std::string pattern, std::string replacement);

// A check that runs ACTION and passes (e.g. to remember a value between checks).
Check Do(std::string what, Action action);
// An action that runs CHECK, reports it, and throws (ending the case) when it
// fails: e.g. Require(Remember(...)) in a pre_config or after_command.
Action Require(Check check);
// The CLI with ARGS (expanded) exits 0; its run becomes ctx.last.
Check CliSucceeds(std::vector<std::string> args);
// The CLI with ARGS (expanded) fails, printing TEXT (line wrapping ignored).
Check CliFails(std::vector<std::string> args, std::string text);
// The step's last command (ctx.last) failed.
Check LastFailed();
// Remembers ADDRESS's attribute KEY (as Attr reads it) as {{VAR}}: the one
// way a value read in one step reaches later steps and checks.
Check Remember(std::string var, std::string address, std::string key = "id");
// {{VAR}} equals EXPECTED (expanded).
Check VarIs(std::string var, std::string expected);

}  // namespace vers::acceptance
