// Actions for a step's pre_config, while_running and after_command (or a
// case's setup), composed as data: several in order, faults injected into
// vers-local and cleared, a second vers-local for one step, the state file
// changed as an older provider version would have written it.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "test_case.h"

namespace vers::acceptance {

using Action = std::function<void(Context&)>;

// ACTIONS, one after the other.
Action Sequence(std::vector<Action> actions);

// Sets {{VAR}} to ADDRESS's attribute KEY in the state (fails the test when
// it is not there).
Action Remember(std::string var, std::string address, std::string key = "id");

// POST /_admin/faults with JSON (expanded: "{{base}}"), e.g.
// {"ssh_cut_after_bytes":3145728}; and back to none.
Action VersFault(std::string json);
Action ClearVersFaults();
// STEP run with the fault JSON set before its configuration is written and
// cleared right after its command (before its checks).
Step UnderVersFault(Step step, std::string json);

// A second vers-local (its own CA and keys) under the workspace's directory
// NAME: `start` starts it and sets {{NAME_ssh_tls_port}}, `stop` stops it.
struct AnotherVersLocal {
  explicit AnotherVersLocal(std::string name);
  Action start, stop;
};

// Replaces the one occurrence of the JSON text OLD in the workspace's
// terraform.tfstate by NEW (a state as an older provider recorded it); fails
// the test when OLD is not there exactly once.
Action RewriteState(std::string old_json, std::string new_json);

// ADDRESS is not in the state.
Check NotInState(std::string address);

}  // namespace vers::acceptance
