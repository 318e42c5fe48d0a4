// Running helper programs. Safe to call from a multithreaded process: the
// child only calls async-signal-safe functions before exec.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "base/status.h"

namespace vers::local {

// Runs argv[0] (absolute path) with argv, stdin from /dev/null, stdout and
// stderr to `log_path` (or /dev/null when empty); waits; OK iff exit status 0.
Status RunCommand(const std::vector<std::string>& argv, const std::string& log_path = "");

// Starts argv in the background with the same redirections; returns its pid.
Result<pid_t> SpawnProcess(const std::vector<std::string>& argv, const std::string& log_path);

// Absolute path of the running executable (/proc/self/exe resolved).
std::string SelfExe();

}  // namespace vers::local
