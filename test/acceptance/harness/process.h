// Subprocesses for the acceptance harness, run from argv vectors (never a
// shell string built from data), with their environment given as a list of
// changes to this process's own.
#pragma once

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace vers::acceptance {

// What a subprocess runs: argv[0] is looked up on PATH when it has no slash.
// `env` sets variables (a nullopt value removes one) over this process's
// environment; `cwd` is its working directory (empty: ours); its stdout and
// stderr both go to `output_file` (empty: /dev/null); stdin is /dev/null.
struct Invocation {
  std::vector<std::string> argv;
  std::map<std::string, std::optional<std::string>> env;
  std::string cwd;
  std::string output_file;
  // Where stderr goes instead, when not empty (then stdout alone goes to output_file).
  std::string error_file;
};

// How a finished command ended and what it printed (stdout and stderr, as
// written to its output file).
struct Finished {
  int exit_code = -1;  // 128 + N when killed by signal N
  std::string output;
};

// A started subprocess, owned: the destructor sends SIGTERM and waits for it
// (as the bash tests' EXIT traps did), so nothing outlives the test.
class ChildProcess {
 public:
  // Starts `command`; an error when it cannot be started.
  static Result<ChildProcess> Start(const Invocation& invocation);
  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ~ChildProcess();

  pid_t pid() const { return pid_; }
  // Whether it still runs (reaps it if it ended).
  bool Running();
  // Waits for it to end; its exit code (128 + N when killed by signal N).
  int Wait();
  // Sends `signal` (SIGTERM by default) and waits; its exit code.
  int Stop(int signal = 15);

 private:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  pid_t pid_ = -1;
  std::optional<int> exit_code_;
};

// Runs `command` to its end. When `command.output_file` is empty, the output
// goes to a temporary file that is read back and removed.
Result<Finished> RunToEnd(Invocation invocation);

// The whole content of `path` ("" when it cannot be read).
std::string ReadFile(const std::string& path);

// Writes `content` to `path`, replacing it.
Status WriteFile(const std::string& path, const std::string& content);

}  // namespace vers::acceptance
