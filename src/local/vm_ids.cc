#include "local/vm_ids.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vers::local {
namespace {

// nftw has no user argument; the walk is only run by one thread at a time
// (under the image build lock), so the first error is kept here.
thread_local std::string shift_error;

int ShiftOne(const char* path, const struct stat* st, int /*flag*/, struct FTW* /*ftw*/) {
  if (st->st_uid >= kVmIdBase && st->st_gid >= kVmIdBase) return 0;
  uid_t uid = st->st_uid < kVmIdCount ? st->st_uid + kVmIdBase : st->st_uid;
  gid_t gid = st->st_gid < kVmIdCount ? st->st_gid + kVmIdBase : st->st_gid;
  if (::lchown(path, uid, gid) != 0) {
    shift_error = std::string("chown ") + path + ": " + std::strerror(errno);
    return 1;
  }
  // chown clears setuid/setgid (even for root): put them back.
  if (!S_ISLNK(st->st_mode) && (st->st_mode & (S_ISUID | S_ISGID)) &&
      ::chmod(path, st->st_mode & 07777) != 0) {
    shift_error = std::string("chmod ") + path + ": " + std::strerror(errno);
    return 1;
  }
  return 0;
}

}  // namespace

std::string VmIdMapLine() {
  return "0 " + std::to_string(kVmIdBase) + " " + std::to_string(kVmIdCount) + "\n";
}

Status ShiftOwnersIntoVmRange(const std::string& root) {
  shift_error.clear();
  if (::nftw(root.c_str(), ShiftOne, 64, FTW_PHYS | FTW_MOUNT) != 0)
    return Status::Error(shift_error.empty() ? "walking " + root + ": " + std::strerror(errno)
                                             : shift_error);
  return Status::Ok();
}

}  // namespace vers::local
