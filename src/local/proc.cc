#include "local/proc.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vers::local {
namespace {

// Everything is prepared before fork so the child only makes syscalls.
Result<pid_t> Start(const std::vector<std::string>& argv, const std::string& log_path) {
  if (argv.empty()) return Status::Error("empty command");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const char* out = log_path.empty() ? "/dev/null" : log_path.c_str();
  pid_t pid = ::fork();
  if (pid < 0) return Status::Error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int o = ::open(out, O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (in < 0 || o < 0) ::_exit(126);
    ::dup2(in, 0);
    ::dup2(o, 1);
    ::dup2(o, 2);
    ::setpgid(0, 0);
    // Undo the server's signal setup: exec keeps ignored and blocked signals.
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    ::sigaction(SIGPIPE, &dfl, nullptr);
    sigset_t none;
    sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    // Close everything else (listening sockets, TLS connections...).
    for (int fd = 3; fd < 1024; ++fd) ::close(fd);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

}  // namespace

Status RunCommand(const std::vector<std::string>& argv, const std::string& log_path) {
  auto pid = Start(argv, log_path);
  if (!pid.ok()) return pid.status();
  int status = 0;
  while (::waitpid(pid.value(), &status, 0) < 0) {
    if (errno != EINTR) return Status::Error(std::string("waitpid: ") + std::strerror(errno));
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return Status::Ok();
  return Status::Error(argv[0] + " failed (status " + std::to_string(status) + ")");
}

Result<pid_t> SpawnProcess(const std::vector<std::string>& argv, const std::string& log_path) {
  return Start(argv, log_path);
}

std::string SelfExe() {
  char buf[4096];
  ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "/proc/self/exe";
  return std::string(buf, static_cast<size_t>(n));
}

}  // namespace vers::local
