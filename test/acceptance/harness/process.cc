#include "process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

extern char** environ;

namespace vers::acceptance {
namespace {

int ExitCodeOf(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return -1;
}

// The child's environment: ours with `changes` applied.
std::vector<std::string> EnvironmentWith(
    const std::map<std::string, std::optional<std::string>>& changes) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    std::string name = entry.substr(0, entry.find('='));
    if (!changes.contains(name)) env.push_back(std::move(entry));
  }
  for (const auto& [name, value] : changes)
    if (value) env.push_back(name + "=" + *value);
  return env;
}

std::vector<char*> Pointers(std::vector<std::string>& strings) {
  std::vector<char*> pointers;
  for (auto& s : strings) pointers.push_back(s.data());
  pointers.push_back(nullptr);
  return pointers;
}

// In the child: opens `path` for writing onto `fd` (appending when `append`).
void RedirectTo(const std::string& path, int fd, bool append) {
  int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC);
  int opened = ::open(path.empty() ? "/dev/null" : path.c_str(), flags, 0644);
  if (opened < 0 || ::dup2(opened, fd) < 0) ::_exit(126);
}

}  // namespace

Result<ChildProcess> ChildProcess::Start(const Invocation& command) {
  if (command.argv.empty()) return Status::Error("no command to run");
  std::vector<std::string> argv = command.argv;
  std::vector<std::string> env = EnvironmentWith(command.env);
  std::vector<char*> argv_ptrs = Pointers(argv);
  std::vector<char*> env_ptrs = Pointers(env);
  // Signals wait until the child has its own dispositions: one sent to it
  // between fork and exec (an interrupt at once) would otherwise run our
  // handlers (Catch2's) in the copy of this process.
  sigset_t all, ours;
  ::sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &ours);
  pid_t pid = ::fork();
  if (pid != 0) ::pthread_sigmask(SIG_SETMASK, &ours, nullptr);
  if (pid < 0) return Status::Error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    if (in < 0 || ::dup2(in, 0) < 0) ::_exit(126);
    RedirectTo(command.output_file, 1, false);
    if (command.error_file.empty()) {
      if (::dup2(1, 2) < 0) ::_exit(126);
    } else {
      RedirectTo(command.error_file, 2, false);
    }
    // SIGINT at its default, as at a terminal, whatever ours is (an
    // interrupted CLI must see it: harness/interrupt.h).
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::pthread_sigmask(SIG_SETMASK, &ours, nullptr);
    if (!command.cwd.empty() && ::chdir(command.cwd.c_str()) != 0) ::_exit(126);
    ::execvpe(argv_ptrs[0], argv_ptrs.data(), env_ptrs.data());
    ::_exit(127);
  }
  return ChildProcess(pid);
}

ChildProcess::ChildProcess(ChildProcess&& other) noexcept
    : pid_(other.pid_), exit_code_(other.exit_code_) {
  other.pid_ = -1;
}

ChildProcess::~ChildProcess() {
  if (pid_ > 0 && !exit_code_) Stop();
}

bool ChildProcess::Running() {
  if (exit_code_ || pid_ <= 0) return false;
  int status = 0;
  if (::waitpid(pid_, &status, WNOHANG) == pid_) exit_code_ = ExitCodeOf(status);
  return !exit_code_;
}

int ChildProcess::Wait() {
  while (!exit_code_ && pid_ > 0) {
    int status = 0;
    pid_t r = ::waitpid(pid_, &status, 0);
    if (r == pid_) exit_code_ = ExitCodeOf(status);
    if (r < 0 && errno != EINTR) exit_code_ = -1;
  }
  return exit_code_.value_or(-1);
}

int ChildProcess::Stop(int signal) {
  if (Running()) ::kill(pid_, signal);
  return Wait();
}

Result<Finished> RunToEnd(Invocation command) {
  bool temporary = command.output_file.empty();
  if (temporary) {
    char path[] = "/tmp/vers-acceptance-out-XXXXXX";
    int fd = ::mkstemp(path);
    if (fd < 0) return Status::Error(std::string("mkstemp: ") + std::strerror(errno));
    ::close(fd);
    command.output_file = path;
  }
  auto child = ChildProcess::Start(command);
  if (!child.ok()) return child.status();
  Finished finished;
  finished.exit_code = child.value().Wait();
  finished.output = ReadFile(command.output_file);
  if (temporary) ::unlink(command.output_file.c_str());
  return finished;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

Status WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  out.close();
  return out ? Status::Ok() : Status::Error("cannot write " + path);
}

}  // namespace vers::acceptance
