#include "local/base_image.h"

#include <fcntl.h>
#include <openssl/sha.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "local/fd.h"
#include "local/fs.h"
#include "local/proc.h"
#include "local/sshd_setup.h"
#include "local/vm_ids.h"

namespace vers::local {
namespace {

constexpr const char* kSuite = "bookworm";
constexpr const char* kMirror = "http://deb.debian.org/debian";
// What provisioning and the tests run in a VM besides minbase's bash,
// coreutils (dd, sha256sum), apt and util-linux: sshd, TLS roots and openssl
// for apt-get over https and the provider's checksums, ps.
constexpr const char* kPackages = "openssh-server,ca-certificates,openssl,procps";
// Bump when the post-processing below changes.
constexpr const char* kRecipeVersion = "1";

std::string Recipe() {
  return std::string("debootstrap --variant=minbase --include=") + kPackages + " " + kSuite +
         " ids=" + VmIdMapLine() + " v" + kRecipeVersion;
}

std::string ShortHash(const std::string& text) {
  unsigned char md[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), md);
  static const char* hex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 6; ++i) {
    out += hex[md[i] >> 4];
    out += hex[md[i] & 15];
  }
  return out;
}

// After debootstrap: no host keys shared by every VM (each VM gets its own),
// no downloaded .debs, the mount points the sandbox needs, then the shift of
// every owner into the VM id range.
Status Finish(const std::string& root) {
  if (Status st = RunCommand({"/bin/sh", "-c",
                              "rm -f \"$0\"/etc/ssh/ssh_host_* \"$0\"/var/cache/apt/archives/*.deb "
                              "\"$0\"/var/lib/apt/lists/*_* && : > \"$0\"/etc/resolv.conf",
                              root});
      !st.ok())
    return Status::Error("cleaning the image: " + st.message());
  for (const char* d : {"/run/sshd", kInVmSshDir, "/proc", "/sys", "/dev", "/tmp"}) {
    if (Status st = MakeDirs(root + d, 0755); !st.ok()) return st;
  }
  ::chmod((root + "/tmp").c_str(), 01777);
  return ShiftOwnersIntoVmRange(root);
}

}  // namespace

std::string DefaultImageCacheDir() {
  if (const char* x = std::getenv("XDG_CACHE_HOME"); x && *x)
    return std::string(x) + "/vers-local/images";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : "/root") + "/.cache/vers-local/images";
}

std::string BaseImageName() {
  return std::string("debian-") + kSuite + "-minbase-" + ShortHash(Recipe());
}

Result<BaseImage> EnsureBaseImage(const std::string& cache_dir,
                                  const std::function<void(const std::string&)>& on_build) {
  BaseImage image;
  image.dir = cache_dir + "/" + BaseImageName();
  if (PathExists(image.dir)) return image;
  if (Status st = MakeDirs(cache_dir, 0755); !st.ok()) return st;
  UniqueFd lock(::open((image.dir + ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (!lock.valid())
    return Status::Error("opening " + image.dir + ".lock: " + std::strerror(errno));
  while (::flock(lock.get(), LOCK_EX) != 0) {
    if (errno != EINTR)
      return Status::Error("locking " + image.dir + ".lock: " + std::strerror(errno));
  }
  if (PathExists(image.dir)) return image;  // another process built it meanwhile
  if (::access("/usr/sbin/debootstrap", X_OK) != 0)
    return Status::Error(
        "building the VM base image needs debootstrap: apt-get install -y debootstrap");
  if (on_build) on_build(image.dir);
  auto start = std::chrono::steady_clock::now();
  std::string partial = image.dir + ".partial";
  if (Status st = RemoveTree(partial); !st.ok()) return st;  // left by an interrupted build
  // A private mount namespace: debootstrap's /proc and /sys mounts inside the
  // target vanish with it, even when it is killed.
  Status st = RunCommand(
      {"/usr/bin/unshare", "--mount", "--propagation", "private", "/usr/sbin/debootstrap",
       "--variant=minbase", std::string("--include=") + kPackages, kSuite, partial, kMirror},
      image.dir + ".log");
  if (!st.ok())
    return Status::Error("building the VM base image with debootstrap failed (" + st.message() +
                         "); see " + image.dir + ".log");
  if (Status f = Finish(partial); !f.ok()) return f;
  if (::rename(partial.c_str(), image.dir.c_str()) != 0)
    return Status::Error("rename " + partial + ": " + std::strerror(errno));
  image.built = true;
  image.build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return image;
}

}  // namespace vers::local
