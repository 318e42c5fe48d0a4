// A test case's working directory and the Terraform CLI run in it: OpenTofu
// or HashiCorp Terraform (whichever $VERS_TOFU names), with the case's CLI
// configuration (by default dev_overrides pointing hdr/vers at the built
// provider, $VERS_PROVIDER; another through cli_config.h's UseCliConfig),
// and a clean environment (TF_IN_AUTOMATION, CHECKPOINT_DISABLE, no TF_LOG
// or VERS_* from the caller).
#pragma once

#include <string>
#include <vector>

#include "backends.h"
#include "json_flat.h"
#include "process.h"

namespace vers::acceptance {

class Workspace {
 public:
  // Writes `dir`/cli.tfrc (DevBuild) unless the case has one; the CLI runs
  // in `dir`/`subdir` (made if absent).
  Workspace(std::string dir, std::string subdir = "");

  const std::string& dir() const { return dir_; }
  // Variables set for every CLI run from now on (e.g. a backend's).
  void SetEnvironment(const Environment& env);
  // The variables every CLI run gets.
  const Environment& environment() const { return env_; }

  // Runs the CLI with `args` (and -no-color -input=false where the command
  // takes them) plus `extra` environment; its exit code and output.
  Finished Run(std::vector<std::string> args, const Environment& extra = {}) const;
  // Starts the CLI as Run does, its output going to the workspace's file
  // OUTPUT_NAME, and returns at once (the caller waits for it).
  Result<ChildProcess> Start(std::vector<std::string> args, const Environment& extra,
                             const std::string& output_name) const;
  // Runs any program in the workspace with the CLI's environment.
  Finished RunProgram(std::vector<std::string> argv, const Environment& extra = {}) const;

  // Attributes of `address` in the state (`show -json`), flattened.
  Result<FlatMap> Resource(const std::string& address) const;
  // Every resource's attributes by address (the root module's and its child modules').
  Result<std::map<std::string, FlatMap>> Resources() const;
  // Root outputs' values, flattened under their names ("ids.0", "ids.#", …).
  Result<FlatMap> Outputs() const;
  // "address action[,action]" of each change a plan of the configuration
  // would make, sorted (no-ops and reads left out).
  Result<std::vector<std::string>> PlannedActions(const Environment& extra = {}) const;
  // OK when a refresh-and-plan finds nothing to do (exit code 0 of
  // plan -detailed-exitcode); else the plan's output.
  Status PlanIsEmpty(const Environment& extra = {}) const;
  // The same for a refresh-only plan.
  Status RefreshIsEmpty(const Environment& extra = {}) const;

  // Writes `content` to the named file of the workspace (removes it when
  // `content` is empty).
  void Write(const std::string& name, const std::string& content) const;

 private:
  Invocation CliInvocation(std::vector<std::string> args, const Environment& extra) const;
  std::string dir_;
  Environment env_;
};

// The CLI's name and version line, e.g. "OpenTofu v1.11.0".
std::string CliVersion();

// Whether `text` contains `wanted`, also when either wraps lines differently
// (OpenTofu wraps long messages): whitespace runs compare equal.
bool ContainsText(const std::string& text, const std::string& wanted);

// `text` with each run of whitespace made one space, none at the end.
std::string SquashSpace(const std::string& text);

}  // namespace vers::acceptance
