// SftpWriter's batched path operations and exclusive creation, against
// OpenSSH's own sftp-server: what SshSession::Publish relies on.
#include <catch2/catch.hpp>

#include "ssh/sftp_writer.h"
#include "test/ssh/sftp_server.h"

namespace vers::ssh {
namespace {

namespace fs = std::filesystem;
using namespace sftp_test;  // NOLINT: the fixture
using Op = SftpWriter::PathOp;

TEST_CASE("a new file is never written through what is already there", "[ssh][sftp]") {
  TempDir dir;
  auto writer = StartServer();
  std::ofstream(dir.path / "victim") << "keep";
  fs::create_symlink(dir.path / "victim", dir.path / "planted");
  const std::string data = "new";
  for (const char* name : {"victim", "planted"}) {
    auto r = writer->WriteFile(dir.path / name, 0644, FromString(data), Soon(), nullptr,
                               /*create_new=*/true);
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.status().message(), Catch::Contains("cannot open"));
  }
  CHECK(ReadFile(dir.path / "victim") == "keep");
  CHECK_FALSE(writer->broken());
  CHECK(writer->WriteFile(dir.path / "fresh", 0600, FromString(data), Soon(), nullptr, true).ok());
  CHECK(ReadFile(dir.path / "fresh") == data);
}

TEST_CASE("path batches stat, resolve, rename over files and symlinks, and remove", "[ssh][sftp]") {
  TempDir dir;
  auto writer = StartServer();
  REQUIRE(writer->supports_posix_rename());  // OpenSSH's sftp-server offers it since 4.9
  fs::create_directories(dir.path / "real");
  fs::create_symlink(dir.path / "real", dir.path / "alias");
  std::ofstream(dir.path / "real" / "old") << "old";
  std::ofstream(dir.path / "target") << "target";
  fs::create_symlink(dir.path / "target", dir.path / "link");
  std::ofstream(dir.path / "t1") << "one";
  std::ofstream(dir.path / "t2") << "two";

  auto checked = writer->Paths({{Op::kStat, (dir.path / "real").string(), ""},
                                {Op::kStat, (dir.path / "alias").string(), ""},
                                {Op::kStat, (dir.path / "real" / "old").string(), ""},
                                {Op::kStat, (dir.path / "missing").string(), ""},
                                {Op::kRealPath, (dir.path / "alias").string(), ""}},
                               Soon());
  REQUIRE(checked.ok());
  const auto& c = checked.value();
  CHECK(c[0].is_directory);
  CHECK(c[1].is_directory);  // symlinks followed
  CHECK_FALSE(c[2].is_directory);
  CHECK(c[2].error.empty());
  CHECK(c[3].status == 2);  // no such file
  CHECK_THAT(c[3].error, Catch::Contains("no such file"));
  CHECK(c[4].resolved == fs::canonical(dir.path / "real").string());

  // rename(2): the file is replaced, the symlink itself is replaced (not the
  // file it points to), and a directory cannot be (a symlink to one could:
  // Publish refuses those after its stat, which follows symlinks).
  auto renamed = writer->Paths(
      {{Op::kRename, (dir.path / "t1").string(), (dir.path / "real" / "old").string()},
       {Op::kRename, (dir.path / "t2").string(), (dir.path / "link").string()},
       {Op::kRename, (dir.path / "real" / "old").string(), (dir.path / "real").string()}},
      Soon());
  REQUIRE(renamed.ok());
  CHECK(renamed.value()[0].error.empty());
  CHECK(renamed.value()[1].error.empty());
  CHECK_FALSE(renamed.value()[2].error.empty());
  CHECK(ReadFile(dir.path / "real" / "old") == "one");
  CHECK(ReadFile(dir.path / "target") == "target");
  CHECK_FALSE(fs::is_symlink(dir.path / "link"));
  CHECK(ReadFile(dir.path / "link") == "two");

  auto removed = writer->Paths({{Op::kRemove, (dir.path / "link").string(), ""},
                                {Op::kRemove, (dir.path / "link").string(), ""}},
                               Soon());
  REQUIRE(removed.ok());
  CHECK(removed.value()[0].error.empty());
  CHECK(removed.value()[1].status == 2);
  CHECK_FALSE(fs::exists(dir.path / "link"));
}

TEST_CASE("a batch larger than the window gets every reply, in order", "[ssh][sftp]") {
  TempDir dir;
  auto writer = StartServer();
  std::vector<SftpWriter::PathRequest> requests;
  for (int i = 0; i < 300; ++i) {
    if (i % 3 == 0) fs::create_directories(dir.path / std::to_string(i));
    requests.push_back({Op::kStat, (dir.path / std::to_string(i)).string(), ""});
  }
  auto replies = writer->Paths(requests, Soon());
  REQUIRE(replies.ok());
  REQUIRE(replies.value().size() == 300);
  for (int i = 0; i < 300; ++i) {
    INFO(i);
    CHECK(replies.value()[i].is_directory == (i % 3 == 0));
  }
}

TEST_CASE("a cleanup batch runs after a stop; others are cancelled", "[ssh][sftp]") {
  TempDir dir;
  std::atomic<bool> stop{false};
  SftpWriterOptions options;
  options.stop = &stop;
  auto writer = StartServer(options);
  std::ofstream(dir.path / "tmp") << "x";
  stop = true;
  auto cancelled = writer->Paths({{Op::kStat, (dir.path / "tmp").string(), ""}}, Soon());
  REQUIRE_FALSE(cancelled.ok());
  CHECK(cancelled.status().code() == Status::Code::kCancelled);
  // That left the stream broken (a reply may still come): a fresh writer.
  writer = StartServer();
  auto removed = writer->Paths({{Op::kRemove, (dir.path / "tmp").string(), ""}}, Soon(),
                               /*heed_stop=*/false);
  REQUIRE(removed.ok());
  CHECK_FALSE(fs::exists(dir.path / "tmp"));
}

}  // namespace
}  // namespace vers::ssh
