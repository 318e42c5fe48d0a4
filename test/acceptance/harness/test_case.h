// Declarative acceptance tests, in the spirit of terraform-plugin-testing's
// resource.TestCase: a case is a list of steps run in one workspace against
// the backends it asks for; each step writes its configuration, runs the CLI,
// then checks the state, the outputs and the backend; after an apply the plan
// must be empty; an import step verifies that every attribute of the
// imported resources matches the applied ones (ImportStateVerify, with an
// ignore list); at the end the case destroys what it made and checks that
// the backends hold nothing of it.
//
// Configuration text may name run-time values as {{NAME}} (see Context::vars):
// {{CA}}, {{VM_DOMAIN}}, {{SSH_TLS_PORT}} with vers-local; {{VIO_PORT}},
// {{VIO_CA}}, {{VIO_PASSWORD}} with vergeio-local; plus what a case's set-up adds.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "backends.h"
#include "temp_dir.h"
#include "workspace.h"

namespace vers::acceptance {

// What a step and its checks see.
struct Context {
  Workspace& workspace;
  const VersLocal* vers = nullptr;        // when the case asked for vers-local
  const VergeioLocal* vergeio = nullptr;  // when it asked for vergeio-local
  std::map<std::string, std::string> vars;
  Finished last;  // the step's main CLI run (also saved as step-<N>.out)
  // The CLI's pid while a step's while_running runs (-1 otherwise), for
  // actions that signal it (harness/interrupt.h).
  pid_t running = -1;

  // `text` with each {{NAME}} replaced by vars[NAME]; an unknown name throws.
  std::string Expand(const std::string& text) const;
};

// One assertion: what it asserts (printed as "ok: …" or "FAIL: …") and how.
struct Check {
  std::string what;
  std::function<Status(Context&)> test;
};

enum class Command {
  kApply,             // apply -auto-approve; then the plan must be empty
  kPlan,              // plan only (expect_actions, expect_output, expect_error)
  kRefreshOnlyApply,  // apply -refresh-only -auto-approve
  kDestroy,           // destroy -auto-approve
  kValidate,          // validate
  kNone,              // runs no CLI command: only pre_config and the checks
};

// ImportStateVerify for one resource: import it into a fresh state with the
// same configuration; every attribute must equal the applied one, but those
// named in (or under) `ignore`.
struct ImportVerify {
  std::string address;
  // The import ID from the applied resource's attributes; by default its "id".
  std::function<std::string(const FlatMap& applied)> id;
  std::vector<std::string> ignore;
};

struct Step {
  std::string name;
  // Where the step runs: a subdirectory of the case's workspace (made on
  // first use, with the same environment; later steps naming it see its
  // files and state), or the workspace itself when empty.
  std::string subdir;
  // A directory of the source tree ($VERS_SOURCE_DIR/copy_from, e.g. an
  // example) copied into the step's directory before its files are written.
  std::string copy_from;
  // Files written into the workspace before the step ("" removes one).
  std::map<std::string, std::string> files;
  // Run before the files are written: changes made behind the provider's back.
  std::function<void(Context&)> pre_config;
  Command command = Command::kApply;
  // Run while the command runs (it starts in the background), e.g. to act
  // on a VM the apply waits for.
  std::function<void(Context&)> while_running;
  // Run right after the command (e.g. to undo a fault pre_config injected).
  std::function<void(Context&)> after_command;
  std::vector<std::string> args;  // more CLI arguments (e.g. -target=…)
  Environment env;                // more environment for this step's runs
  // Sorted "address action" of the plan made before the command, when set;
  // when they differ, the step stops there.
  std::optional<std::vector<std::string>> expect_actions;
  // The command must fail with output matching this (ECMAScript, multi-line;
  // also tried on the output with whitespace runs made one space, as the
  // CLIs wrap long diagnostics).
  std::optional<std::string> expect_error;
  // Texts the command's output must hold (line wrapping ignored).
  std::vector<std::string> expect_output;
  std::vector<Check> checks;
  // After a successful apply: `plan -detailed-exitcode` must exit 0.
  bool plan_empty_after = true;
  // Import these into a fresh state (a workspace of its own with the same
  // files) and verify them; then that state's plan must be empty, unless
  // import_plan_empty is false; import_checks run there after that plan.
  std::vector<ImportVerify> imports;
  bool import_plan_empty = true;
  std::vector<Check> import_checks;
  // Carry on (later steps, the final destroy) with the imported state.
  bool keep_imported_state = false;
};

struct TestCase {
  bool vers_local = false;
  bool vergeio_local = false;
  // Run once after the backends start (e.g. to make the VMs a case acts on).
  std::function<void(Context&)> setup;
  std::vector<Step> steps;
  // Destroy at the end (with the last step's files) and run these checks.
  bool destroy = true;
  std::vector<Check> after_destroy;
};

// The end of a command's output for a failure message: its last MAX_BYTES,
// marked "…" when cut.
std::string TailOf(const std::string& text, size_t max_bytes = 4000);

// Reports one check to Catch2 and stdout ("ok: WHAT" / "FAIL: WHAT").
// Thread-safe: reports from several threads are made one at a time.
void Report(const std::string& what, const Status& status);

// Runs `test_case` under the CLI $VERS_TOFU names, reporting each check to
// Catch2 (a failed check fails the case and the rest still run).
void Run(const std::string& name, const TestCase& test_case);

}  // namespace vers::acceptance
