// The VM base image cache and the id shift of its files (issue 11).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "local/base_image.h"
#include "local/fs.h"
#include "local/vm_ids.h"

using namespace vers::local;

namespace {

std::string TempDir() {
  char tmpl[] = "/tmp/vers-local-image-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  return tmpl;
}

}  // namespace

TEST_CASE("a cached base image is reused without building", "[image]") {
  std::string cache = TempDir();
  std::string dir = cache + "/" + BaseImageName();
  REQUIRE(MakeDirs(dir + "/etc").ok());
  bool built = false;
  auto image = EnsureBaseImage(cache, [&built](const std::string&) { built = true; });
  REQUIRE(image.ok());
  CHECK(image.value().dir == dir);
  CHECK_FALSE(image.value().built);
  CHECK_FALSE(built);
  CHECK(RemoveTree(cache).ok());
}

TEST_CASE("the image name changes with the recipe, not between calls", "[image]") {
  CHECK(BaseImageName() == BaseImageName());
  CHECK(BaseImageName().rfind("debian-bookworm-minbase-", 0) == 0);
  CHECK(BaseImageName().size() == std::string("debian-bookworm-minbase-").size() + 12);
}

TEST_CASE("image files move into the VM id range, setuid bits kept", "[image]") {
  if (::geteuid() != 0) {
    WARN("skipped: chown needs root");
    return;
  }
  std::string root = TempDir();
  REQUIRE(WriteFileAtomic(root + "/su", "x", 04755).ok());
  REQUIRE(::chown((root + "/su").c_str(), 0, 0) == 0);
  REQUIRE(::chmod((root + "/su").c_str(), 04755) == 0);
  REQUIRE(WriteFileAtomic(root + "/user-file", "y", 0644).ok());
  REQUIRE(::chown((root + "/user-file").c_str(), 100, 42) == 0);
  REQUIRE(::symlink("su", (root + "/link").c_str()) == 0);
  REQUIRE(ShiftOwnersIntoVmRange(root).ok());
  struct stat st;
  REQUIRE(::stat((root + "/su").c_str(), &st) == 0);
  CHECK(st.st_uid == kVmIdBase);
  CHECK((st.st_mode & 07777) == 04755);
  REQUIRE(::stat((root + "/user-file").c_str(), &st) == 0);
  CHECK(st.st_uid == kVmIdBase + 100);
  CHECK(st.st_gid == kVmIdBase + 42);
  REQUIRE(::lstat((root + "/link").c_str(), &st) == 0);
  CHECK(st.st_uid == kVmIdBase);
  REQUIRE(::stat(root.c_str(), &st) == 0);
  CHECK(st.st_uid == kVmIdBase);
  // A second pass changes nothing (ids already in the range stay).
  REQUIRE(ShiftOwnersIntoVmRange(root).ok());
  REQUIRE(::stat((root + "/user-file").c_str(), &st) == 0);
  CHECK(st.st_uid == kVmIdBase + 100);
  CHECK(RemoveTree(root).ok());
}

TEST_CASE("the VM's id map is 0..65535 onto the unprivileged range", "[image]") {
  CHECK(VmIdMapLine() == "0 1073741824 65536\n");
}
