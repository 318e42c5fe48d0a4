// Commands run inside a VM for the exec API (POST /vm/{id}/exec,
// /exec/stream, /exec/stream/attach), file writes (PUT /vm/{id}/files) and
// reads (GET /vm/{id}/files).
//
// On Vers an agent inside the VM runs them (the spec's VmExecRequest: argv,
// env, working_dir, stdin, timeout_secs); here they reach the VM the way a
// user's SSH session does: through the VM's own sshd, as root, with the VM's
// key. Each run is an ExecSession that keeps its output as numbered events,
// so that a stream that was cut can be attached to again from a cursor.
//
// Thread-safe: every method may be called from any thread.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "local/outcome.h"

namespace vers::local {

// VmExecRequest, read and checked.
struct ExecSpec {
  std::vector<std::string> command;  // argv, not empty
  std::map<std::string, std::string> env;
  std::optional<std::string> working_dir;
  std::optional<std::string> stdin_data;
  int64_t timeout_secs = 0;  // 0: none
  std::string exec_id;       // a UUID
};

// How to reach a VM's sshd: its loopback port and its private key (secret).
struct VmLogin {
  int port = 0;
  std::string private_key;
};

// One stdout/stderr chunk or the exit, numbered from 1 in order of emission
// (the cursor of VmExecStreamEvent in Vers's server: "monotonic sequence
// number within the session").
struct ExecEvent {
  enum class Kind { kStdout, kStderr, kExit };
  uint64_t cursor = 0;
  Kind kind = Kind::kStdout;
  std::string data;   // output bytes (chunks)
  int exit_code = 0;  // kExit
};

class ExecSession {
 public:
  explicit ExecSession(std::string exec_id) : exec_id_(std::move(exec_id)) {}
  const std::string& exec_id() const { return exec_id_; }

  // Waits until the command started (nullopt) or could not be started (why:
  // a missing program or working directory, an unreachable VM).
  std::optional<std::string> WaitStarted();

  struct Batch {
    std::vector<ExecEvent> events;       // cursors > `after`, in order
    bool ended = false;                  // nothing follows the events (exit, or `failure`)
    std::optional<std::string> failure;  // ended without an exit: timeout, lost VM
    std::optional<uint64_t> too_old;     // `after` precedes the retained backlog: its start
  };
  // The events after cursor `after` (exclusive; nullopt: the whole retained
  // backlog), waiting up to `wait` for one when there is none yet.
  Batch After(std::optional<uint64_t> after, std::chrono::milliseconds wait);
  // The cursor of the last event so far (0: none).
  uint64_t LatestCursor();

  // The producer's side (vm_exec_run.cc).
  void MarkStarted();
  void MarkStartFailed(std::string why);
  void Append(ExecEvent::Kind kind, std::string data);
  void Exit(int code);
  void Fail(std::string why);

 private:
  // Output kept for attaching; the oldest chunks are dropped past this.
  static constexpr size_t kMaxRetainedBytes = 32u << 20;
  void PushLocked(ExecEvent e) REQUIRES(mu_);

  const std::string exec_id_;
  base::Mutex mu_;
  std::condition_variable_any changed_;
  bool started_ GUARDED_BY(mu_) = false;
  std::optional<std::string> start_failure_ GUARDED_BY(mu_);
  std::vector<ExecEvent> events_ GUARDED_BY(mu_);
  size_t retained_bytes_ GUARDED_BY(mu_) = 0;
  uint64_t next_cursor_ GUARDED_BY(mu_) = 1;
  bool ended_ GUARDED_BY(mu_) = false;
  std::optional<std::string> failure_ GUARDED_BY(mu_);
};

class ExecRunner {
 public:
  ExecRunner() = default;
  ExecRunner(const ExecRunner&) = delete;
  ExecRunner& operator=(const ExecRunner&) = delete;

  // Starts `spec` in VM `vm_id`; the session runs on by itself (also when
  // nobody streams it). An exec_id already used on this VM is refused, as
  // the agent refuses it (EXEC_ID_IN_USE).
  Outcome<std::shared_ptr<ExecSession>> Start(const std::string& vm_id, const ExecSpec& spec,
                                              const VmLogin& login);
  // The session `exec_id` of VM `vm_id`, or null.
  std::shared_ptr<ExecSession> Find(const std::string& vm_id, const std::string& exec_id);

  // Writes `content` to `path` in the VM with permissions `mode`, creating
  // the parent directories first when asked: write_file_vm.
  Outcome<Done> WriteFile(const VmLogin& login, const std::string& path, const std::string& content,
                          uint32_t mode, bool create_dirs);
  // The bytes of the file at `path` in the VM: read_file_vm. A file that
  // cannot be read (missing, a directory, no permission) is a 500, as every
  // failure inside the VM is.
  Outcome<std::string> ReadFile(const VmLogin& login, const std::string& path);

 private:
  // Sessions kept for attaching once ended, the oldest forgotten first.
  static constexpr size_t kMaxSessions = 256;
  base::Mutex mu_;
  std::map<std::string, std::shared_ptr<ExecSession>> sessions_ GUARDED_BY(mu_);  // "<vm>/<exec>"
  std::vector<std::string> order_ GUARDED_BY(mu_);  // keys, oldest first
};

// `s` quoted for a POSIX shell.
std::string ShellWord(const std::string& s);

}  // namespace vers::local
