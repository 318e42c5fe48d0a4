// Actions for a step's pre_config, while_running and after_command (or a
// case's setup) beyond those of actions.h: a second vers-local for one step,
// the state file changed as an older provider version would have written it.
#pragma once

#include <string>

#include "actions.h"

namespace vers::acceptance {

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
