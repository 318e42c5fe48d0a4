#include "local/vm_ssh.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "local/fd.h"

extern char** environ;

namespace vers::local {
namespace {

// A private directory holding the VM key for one run; removed with it.
class KeyFile {
 public:
  explicit KeyFile(const std::string& key) {
    char tmpl[] = "/tmp/vers-local-exec-XXXXXX";
    if (::mkdtemp(tmpl) == nullptr) return;
    dir_ = tmpl;
    path_ = dir_ + "/key";
    UniqueFd fd(::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
    if (!fd.valid() ||
        ::write(fd.get(), key.data(), key.size()) != static_cast<ssize_t>(key.size()))
      path_.clear();
  }
  ~KeyFile() {
    if (!path_.empty()) ::unlink(path_.c_str());
    if (!dir_.empty()) ::rmdir(dir_.c_str());
  }
  KeyFile(const KeyFile&) = delete;
  KeyFile& operator=(const KeyFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string dir_, path_;
};

struct Pipe {
  UniqueFd read, write;
};

Result<Pipe> MakePipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) return Status::Error(std::string("pipe: ") + strerror(errno));
  return Pipe{UniqueFd(fds[0]), UniqueFd(fds[1])};
}

// Writes `data` to `fd` and closes it; EPIPE (the script did not read it
// all) ends the writing quietly.
void Feed(UniqueFd fd, std::string data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd.get(), data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

}  // namespace

Result<int> RunInVm(const VmLogin& login, const std::string& script,
                    const std::optional<std::string>& stdin_data,
                    const std::function<void(bool, std::string_view)>& on_output) {
  KeyFile key(login.private_key);
  if (key.path().empty()) return Status::Error("cannot write the VM key to a temporary file");
  auto in = MakePipe();
  auto out = MakePipe();
  auto err = MakePipe();
  if (!in.ok() || !out.ok() || !err.ok()) return Status::Error("cannot create pipes for ssh");
  std::vector<std::string> args = {"ssh",
                                   "-F",
                                   "/dev/null",
                                   "-T",
                                   "-i",
                                   key.path(),
                                   "-p",
                                   std::to_string(login.port),
                                   "-o",
                                   "StrictHostKeyChecking=no",
                                   "-o",
                                   "UserKnownHostsFile=/dev/null",
                                   "-o",
                                   "LogLevel=ERROR",
                                   "-o",
                                   "BatchMode=yes",
                                   "-o",
                                   "IdentitiesOnly=yes",
                                   "-o",
                                   "ConnectTimeout=10",
                                   "root@127.0.0.1",
                                   "--",
                                   script};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.value().read.get(), 0);
  posix_spawn_file_actions_adddup2(&actions, out.value().write.get(), 1);
  posix_spawn_file_actions_adddup2(&actions, err.value().write.get(), 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);  // no server socket leaks into ssh
  // The server ignores SIGPIPE; ssh gets the default back.
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t pipe_only;
  sigemptyset(&pipe_only);
  sigaddset(&pipe_only, SIGPIPE);
  posix_spawnattr_setsigdefault(&attr, &pipe_only);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  pid_t pid = -1;
  int rc = ::posix_spawn(&pid, "/usr/bin/ssh", &actions, &attr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) return Status::Error(std::string("cannot start /usr/bin/ssh: ") + strerror(rc));
  in.value().read.Reset();
  out.value().write.Reset();
  err.value().write.Reset();
  std::thread feeder(Feed, std::move(in.value().write), stdin_data.value_or(""));

  pollfd fds[2] = {{out.value().read.get(), POLLIN, 0}, {err.value().read.get(), POLLIN, 0}};
  int open_fds = 2;
  char buf[65536];
  while (open_fds > 0) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      ssize_t n = ::read(fds[i].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;
        --open_fds;
        continue;
      }
      on_output(i == 1, std::string_view(buf, static_cast<size_t>(n)));
    }
  }
  feeder.join();
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

}  // namespace vers::local
