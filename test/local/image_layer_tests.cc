// ExtractRootfsArchive (image_layer.h): an uploaded root filesystem archive
// becomes a layer owned by the VM id range, and nothing in it lands outside
// the layer. GNU tar's own guards are what is relied on (tar(1): member names
// with ".." or a leading "/" are not extracted outside the directory unless
// --absolute-names is given); the archives here are made with tar itself.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "local/fs.h"
#include "local/image_layer.h"
#include "local/proc.h"
#include "local/vm_ids.h"

using namespace vers::local;
using vers::Status;

namespace {

struct TempDir {
  TempDir() {
    char tmpl[] = "/tmp/vers-local-layer-XXXXXX";
    REQUIRE(::mkdtemp(tmpl) != nullptr);
    path = tmpl;
  }
  ~TempDir() { CHECK(RemoveTree(path).ok()); }
  std::string path;
};

std::string Tar() { return PathExists("/usr/bin/tar") ? "/usr/bin/tar" : "/bin/tar"; }

}  // namespace

TEST_CASE("an archive's files become the layer, owned by the VM id range", "[image]") {
  TempDir t;
  std::string src = t.path + "/src";
  REQUIRE(MakeDirs(src + "/etc").ok());
  REQUIRE(WriteFileAtomic(src + "/etc/motd", "hello from the image\n", 0644).ok());
  REQUIRE(::mkfifo((src + "/fifo").c_str(), 0644) == 0);
  REQUIRE(RunCommand({Tar(), "--create", "--gzip", "--file", t.path + "/root.tar.gz", "--directory",
                      src, "etc", "fifo"})
              .ok());
  std::string layer = t.path + "/layer";
  REQUIRE(ExtractRootfsArchive(t.path + "/root.tar.gz", layer).ok());
  CHECK(ReadFile(layer + "/etc/motd").value() == "hello from the image\n");
  struct stat st {};
  REQUIRE(::lstat((layer + "/etc/motd").c_str(), &st) == 0);
  CHECK(st.st_uid == kVmIdBase);        // root's file: the VM's root
  CHECK(!PathExists(layer + "/fifo"));  // no special files: a VM has its own /dev
}

TEST_CASE("members outside the layer stay outside; a non-archive is refused with why", "[image]") {
  TempDir t;
  REQUIRE(MakeDirs(t.path + "/a/b").ok());
  REQUIRE(WriteFileAtomic(t.path + "/a/escape", "x").ok());
  // "b/../escape" as a member name: --absolute-names keeps the ".." in it.
  REQUIRE(RunCommand({Tar(), "--create", "--absolute-names", "--file", t.path + "/evil.tar",
                      "--directory", t.path + "/a", "b/../escape"})
              .ok());
  std::string layer = t.path + "/a/b/layer";
  Status s = ExtractRootfsArchive(t.path + "/evil.tar", layer);
  CHECK(!PathExists(t.path + "/a/b/escape"));
  CHECK(ReadFile(t.path + "/a/escape").value() == "x");  // untouched
  (void)s;  // tar skips the member (and says so); what matters is where it did not go
  REQUIRE(WriteFileAtomic(t.path + "/junk", "this is not a tar archive at all").ok());
  Status junk = ExtractRootfsArchive(t.path + "/junk", t.path + "/junk-layer");
  REQUIRE(!junk.ok());
  CHECK(junk.message().find("not a readable tar archive") != std::string::npos);
}
