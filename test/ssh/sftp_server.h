// Test fixture: OpenSSH's own sftp-server, spoken to over pipes: the real
// server the VMs run, without the SSH and TLS layers (the end-to-end tests
// cover those).
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ssh/sftp_writer.h"

extern char** environ;

namespace vers::ssh::sftp_test {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

inline constexpr const char* kSftpServer = "/usr/lib/openssh/sftp-server";

// A child process (sftp-server, or anything else) with its stdin and stdout
// as the transport. Killed and reaped on destruction.
class ProcessTransport : public SftpTransport {
 public:
  explicit ProcessTransport(std::vector<std::string> argv) {
    int in[2], out[2];
    REQUIRE(::pipe2(in, O_CLOEXEC) == 0);
    REQUIRE(::pipe2(out, O_CLOEXEC) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], 0);
    posix_spawn_file_actions_adddup2(&actions, out[1], 1);
    std::vector<char*> args;
    for (auto& a : argv) args.push_back(a.data());
    args.push_back(nullptr);
    int rc = posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    to_child_ = in[1];
    from_child_ = out[0];
    REQUIRE(rc == 0);
  }
  ~ProcessTransport() override {
    ::close(to_child_);
    ::close(from_child_);
    Kill();
  }
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  Status Send(std::string_view data) override {
    while (!data.empty()) {
      ssize_t n = ::write(to_child_, data.data(), data.size());
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return Status::Error(std::string("write: ") + std::strerror(errno));
      data.remove_prefix(static_cast<size_t>(n));
    }
    return Status::Ok();
  }
  Result<size_t> Receive(char* buf, size_t size, milliseconds wait) override {
    pollfd p{from_child_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(wait.count())) == 0) return size_t{0};
    ssize_t n = ::read(from_child_, buf, size);
    if (n <= 0) return Status::Error("the server closed the stream");
    return static_cast<size_t>(n);
  }

 private:
  pid_t pid_ = -1;
  int to_child_ = -1, from_child_ = -1;
};

struct TempDir {
  TempDir() {
    std::string t = (fs::temp_directory_path() / "sftp-writer-XXXXXX").string();
    REQUIRE(::mkdtemp(t.data()) != nullptr);
    path = t;
  }
  ~TempDir() { fs::remove_all(path); }
  fs::path path;
};

inline std::string RandomBytes(size_t n) {
  std::mt19937_64 rng(n);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

inline SftpWriter::Source FromString(const std::string& s) {
  auto pos = std::make_shared<size_t>(0);
  return [&s, pos](char* buf, size_t size) -> long {
    size_t k = std::min(size, s.size() - *pos);
    std::memcpy(buf, s.data() + *pos, k);
    *pos += k;
    return static_cast<long>(k);
  };
}

inline std::string ReadFile(const fs::path& p) {
  std::ostringstream s;
  s << std::ifstream(p, std::ios::binary).rdbuf();
  return s.str();
}

inline auto Soon() { return SftpWriter::Clock::now() + std::chrono::seconds(20); }

inline std::unique_ptr<SftpWriter> StartServer(SftpWriterOptions options = {}) {
  REQUIRE(fs::exists(kSftpServer));  // openssh-server, installed by scripts/setup.sh
  auto w = SftpWriter::Start(
      std::make_unique<ProcessTransport>(std::vector<std::string>{kSftpServer}), options, Soon());
  REQUIRE(w.ok());
  return std::move(w).value();
}

}  // namespace vers::ssh::sftp_test
