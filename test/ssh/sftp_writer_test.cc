// SftpWriter against OpenSSH's own sftp-server, spoken to over pipes: the real
// server the VMs run, without the SSH and TLS layers (the end-to-end tests
// cover those).
#include "ssh/sftp_writer.h"

#include <signal.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <fstream>

#include "test/ssh/sftp_server.h"

namespace vers::ssh {
namespace {

namespace fs = std::filesystem;
using namespace sftp_test;  // NOLINT: the fixture
using std::chrono::milliseconds;

TEST_CASE("a file written with many requests in flight arrives whole", "[ssh][sftp]") {
  TempDir dir;
  SftpWriterOptions options;
  options.chunk = 16 * 1024;
  options.in_flight = 8;
  auto writer = StartServer(options);
  const std::string data = RandomBytes(3 * 1024 * 1024 + 12345);
  const fs::path target = dir.path / "big.bin";
  auto written = writer->WriteFile(target, 0600, FromString(data), Soon());
  REQUIRE(written.ok());
  CHECK(written.value() == data.size());
  CHECK(ReadFile(target) == data);
  CHECK((fs::status(target).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
}

TEST_CASE("the mode is set exactly, not cut by the server's umask", "[ssh][sftp]") {
  TempDir dir;
  mode_t old = ::umask(077);  // sftp-server inherits it
  auto writer = StartServer();
  ::umask(old);
  const std::string data = "#!/bin/sh\n";
  REQUIRE(writer->WriteFile(dir.path / "run.sh", 0755, FromString(data), Soon()).ok());
  CHECK((fs::status(dir.path / "run.sh").permissions() & fs::perms::all) ==
        (fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
         fs::perms::others_read | fs::perms::others_exec));
}

TEST_CASE("one writer uploads file after file, empty ones too, truncating what was there",
          "[ssh][sftp]") {
  TempDir dir;
  auto writer = StartServer();
  std::ofstream(dir.path / "old.txt") << "a longer old content that must go";
  const std::string small = "new\n";
  REQUIRE(writer->WriteFile(dir.path / "old.txt", 0644, FromString(small), Soon()).ok());
  const std::string empty;
  auto none = writer->WriteFile(dir.path / "empty", 0644, FromString(empty), Soon());
  REQUIRE(none.ok());
  CHECK(none.value() == 0);
  CHECK(ReadFile(dir.path / "old.txt") == small);
  CHECK(fs::exists(dir.path / "empty"));
  CHECK(fs::file_size(dir.path / "empty") == 0);
}

TEST_CASE("an open the server refuses is a clear error and the writer stays usable",
          "[ssh][sftp]") {
  TempDir dir;
  auto writer = StartServer();
  const std::string data = "x";
  auto refused = writer->WriteFile(dir.path / "no/such/dir/f", 0644, FromString(data), Soon());
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.status().message(), Catch::Contains("cannot open") &&
                                             Catch::Contains("no/such/dir/f") &&
                                             Catch::Contains("no such file"));
  CHECK_FALSE(writer->broken());
  CHECK(writer->WriteFile(dir.path / "f", 0644, FromString(data), Soon()).ok());
}

TEST_CASE("a write the server refuses says which file and how far it got", "[ssh][sftp]") {
  TempDir dir;
  // A server that may not grow files past 256 KiB (RLIMIT_FSIZE; SIGXFSZ
  // ignored, so the write fails with EFBIG instead of killing it).
  std::string limited = "trap '' XFSZ; ulimit -f 256; exec " + std::string(kSftpServer);
  REQUIRE(fs::exists(kSftpServer));
  SftpWriterOptions options;
  options.chunk = 64 * 1024;
  auto started = SftpWriter::Start(
      std::make_unique<ProcessTransport>(std::vector<std::string>{"/bin/bash", "-c", limited}),
      options, Soon());
  REQUIRE(started.ok());
  SftpWriter& writer = *started.value();
  const std::string data = RandomBytes(1024 * 1024);
  auto refused = writer.WriteFile(dir.path / "big.bin", 0644, FromString(data), Soon());
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(
      refused.status().message(),
      Catch::Contains("big.bin on the VM failed after 262144 bytes") && Catch::Contains("failure"));
  CHECK(writer.broken());
  auto again = writer.WriteFile(dir.path / "small", 0644, FromString(data), Soon());
  CHECK_FALSE(again.ok());
  CHECK_FALSE(fs::exists(dir.path / "small"));
}

TEST_CASE("a source that cannot be read fails the upload", "[ssh][sftp]") {
  TempDir dir;
  auto writer = StartServer();
  auto bad = writer->WriteFile(
      dir.path / "f", 0644, [](char*, size_t) -> long { return -1; }, Soon());
  REQUIRE_FALSE(bad.ok());
  CHECK_THAT(bad.status().message(), Catch::Contains("reading the source of"));
}

TEST_CASE("a server that goes away mid-upload is an error, not a hang", "[ssh][sftp]") {
  ::signal(SIGPIPE, SIG_IGN);  // a write to the dead server must fail, not kill the test
  TempDir dir;
  auto transport = std::make_unique<ProcessTransport>(std::vector<std::string>{kSftpServer});
  ProcessTransport* process = transport.get();
  auto started = SftpWriter::Start(std::move(transport), {}, Soon());
  REQUIRE(started.ok());
  const std::string data = RandomBytes(4 * 1024 * 1024);
  size_t sent = 0;
  auto cut = started.value()->WriteFile(
      dir.path / "cut.bin", 0644,
      [&](char* buf, size_t size) -> long {
        if (sent >= 1024 * 1024) process->Kill();
        size_t k = std::min(size, data.size() - sent);
        std::memcpy(buf, data.data() + sent, k);
        sent += k;
        return static_cast<long>(k);
      },
      Soon());
  REQUIRE_FALSE(cut.ok());
  CHECK_THAT(cut.status().message(), Catch::Contains("cut.bin on the VM failed after"));
}

TEST_CASE("a server that never answers times out, and a stop cancels", "[ssh][sftp]") {
  auto silent = [] {
    return std::make_unique<ProcessTransport>(std::vector<std::string>{"/bin/sleep", "30"});
  };
  auto timed_out = SftpWriter::Start(silent(), {}, SftpWriter::Clock::now() + milliseconds(300));
  REQUIRE_FALSE(timed_out.ok());
  CHECK(timed_out.status().code() == Status::Code::kTimeout);

  std::atomic<bool> stop{true};
  SftpWriterOptions options;
  options.stop = &stop;
  auto cancelled = SftpWriter::Start(silent(), options, Soon());
  REQUIRE_FALSE(cancelled.ok());
  CHECK(cancelled.status().code() == Status::Code::kCancelled);
}

}  // namespace
}  // namespace vers::ssh
