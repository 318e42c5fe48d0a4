// ExecRunner::Start and WriteFile: the scripts run in the VM (vm_ssh.h).
//
// What they reproduce, from Vers's in-VM agent (its exec, exec stream and
// write-file handlers):
//  - the command is argv, run directly (no shell): a program that cannot be
//    started is an error ("Failed to spawn process: ..."), not an exit code;
//  - env is added to the process's environment; working_dir is its current
//    directory; stdin (if given) is written to it, else stdin is empty;
//  - timeout_secs > 0 kills the command when it passes, and the run ends
//    with a TIMEOUT error ("Command timed out after N seconds"), no exit;
//  - a file write creates the parent directories only with create_dirs,
//    writes the bytes, then sets the mode (a failure to set it is ignored);
//  - a file read answers the bytes (base64 in the answer), any failure an
//    error (Vers's server: vm_read_file_handler, whose only error is 500).
#include <chrono>
#include <cstdio>
#include <thread>

#include "local/vm_exec.h"
#include "local/vm_ssh.h"

namespace vers::local {
namespace {

// Printed on stdout once the program is found, right before it starts: what
// tells a run that started from one that could not.
constexpr char kStartedMark = 'R';

std::string ExecScript(const ExecSpec& spec) {
  // Without working_dir the agent's own directory applies; a system service
  // runs in /.
  std::string wd = spec.working_dir.value_or("/");
  std::string s = "cd -- " + ShellWord(wd) + " 2>/dev/null || { echo " +
                  ShellWord("working directory " + wd + ": No such file or directory") +
                  " >&2; exit 1; }\n";
  s += "command -v -- " + ShellWord(spec.command[0]) + " >/dev/null 2>&1 || { echo " +
       ShellWord(spec.command[0] + ": No such file or directory (os error 2)") +
       " >&2; exit 1; }\n";
  s += std::string("printf ") + kStartedMark + "\nexec env --";
  for (const auto& [k, v] : spec.env) s += " " + ShellWord(k + "=" + v);
  if (spec.timeout_secs > 0) s += " timeout -s KILL " + std::to_string(spec.timeout_secs);
  for (const auto& a : spec.command) s += " " + ShellWord(a);
  return s + "\n";
}

void RunSession(std::shared_ptr<ExecSession> session, ExecSpec spec, VmLogin login) {
  bool started = false;
  std::string early_stderr;
  auto on_output = [&](bool is_stderr, std::string_view bytes) {
    if (!started) {
      if (is_stderr) {
        early_stderr.append(bytes);
        return;
      }
      if (!bytes.empty() && bytes[0] == kStartedMark) {
        started = true;
        session->MarkStarted();
        bytes.remove_prefix(1);
        if (!early_stderr.empty())
          session->Append(ExecEvent::Kind::kStderr, std::move(early_stderr));
      }
      if (bytes.empty()) return;
    }
    session->Append(is_stderr ? ExecEvent::Kind::kStderr : ExecEvent::Kind::kStdout,
                    std::string(bytes));
  };
  auto began = std::chrono::steady_clock::now();
  auto code = RunInVm(login, ExecScript(spec), spec.stdin_data, on_output);
  if (!started) {
    while (!early_stderr.empty() && early_stderr.back() == '\n') early_stderr.pop_back();
    std::string why = !code.ok()             ? code.status().message()
                      : code.value() == 255  ? "the VM's sshd could not be reached"
                      : early_stderr.empty() ? "exit status " + std::to_string(code.value())
                                             : early_stderr;
    return session->MarkStartFailed("Failed to spawn process: " + why);
  }
  auto ran = std::chrono::steady_clock::now() - began;
  if (!code.ok()) return session->Fail("Failed to execute command: " + code.status().message());
  // Killed by `timeout`: sshd reports the signal, on which ssh exits 255.
  if (spec.timeout_secs > 0 && (code.value() == 255 || code.value() == 128 + 9) &&
      ran >= std::chrono::seconds(spec.timeout_secs))
    return session->Fail("Command timed out after " + std::to_string(spec.timeout_secs) +
                         " seconds");
  session->Exit(code.value());
}

}  // namespace

Outcome<std::shared_ptr<ExecSession>> ExecRunner::Start(const std::string& vm_id,
                                                        const ExecSpec& spec,
                                                        const VmLogin& login) {
  if (spec.command.empty()) return Internal("Command cannot be empty");
  auto session = std::make_shared<ExecSession>(spec.exec_id);
  {
    base::MutexLock lock(mu_);
    std::string key = vm_id + "/" + spec.exec_id;
    if (sessions_.count(key))
      return Internal("Exec stream with id " + spec.exec_id + " already exists");
    sessions_[key] = session;
    order_.push_back(key);
    while (order_.size() > kMaxSessions) {
      sessions_.erase(order_.front());
      order_.erase(order_.begin());
    }
  }
  std::thread(RunSession, session, spec, login).detach();
  return session;
}

Outcome<Done> ExecRunner::WriteFile(const VmLogin& login, const std::string& path,
                                    const std::string& content, uint32_t mode, bool create_dirs) {
  char octal[16];
  std::snprintf(octal, sizeof octal, "%o", mode & 07777);
  std::string p = ShellWord(path);
  std::string script = "cd / || exit 1\n";
  if (create_dirs) script += "mkdir -p -- \"$(dirname -- " + p + ")\" || exit 96\n";
  script += "cat > " + p + " || exit 95\nchmod " + octal + " -- " + p + " 2>/dev/null\nexit 0\n";
  std::string err;
  auto code = RunInVm(login, script, content, [&err](bool is_stderr, std::string_view b) {
    if (is_stderr && err.size() < 4096) err.append(b);
  });
  while (!err.empty() && err.back() == '\n') err.pop_back();
  if (!code.ok()) return Internal("Failed to write file: " + code.status().message());
  switch (code.value()) {
    case 0:
      return Done{};
    case 96:
      return Internal("Failed to create parent directories: " + err);
    case 255:
      return Internal("Failed to write file: the VM's sshd could not be reached");
    default:
      return Internal("Failed to write file: " + err);
  }
}

Outcome<std::string> ExecRunner::ReadFile(const VmLogin& login, const std::string& path) {
  // `cat` reads a regular file whole and refuses a directory or a missing
  // path; `--` keeps a path starting with "-" a path.
  std::string out, err;
  auto code = RunInVm(login, "cat -- " + ShellWord(path), "",
                      [&out, &err](bool is_stderr, std::string_view b) {
                        if (!is_stderr) {
                          out.append(b);
                        } else if (err.size() < 4096) {
                          err.append(b);
                        }
                      });
  while (!err.empty() && err.back() == '\n') err.pop_back();
  if (!code.ok()) return Internal("Failed to read file: " + code.status().message());
  if (code.value() == 255)
    return Internal("Failed to read file: the VM's sshd could not be reached");
  if (code.value() != 0) return Internal("Failed to read file: " + err);
  return out;
}

}  // namespace vers::local
