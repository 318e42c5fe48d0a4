#include "local/image_layer.h"

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "local/fs.h"
#include "local/proc.h"
#include "local/vm_ids.h"

namespace vers::local {
namespace {

thread_local std::string drop_error;

int DropSpecial(const char* path, const struct stat* st, int /*flag*/, struct FTW* /*ftw*/) {
  if (S_ISREG(st->st_mode) || S_ISDIR(st->st_mode) || S_ISLNK(st->st_mode)) return 0;
  if (::unlink(path) != 0) {
    drop_error = std::string("remove ") + path + ": " + std::strerror(errno);
    return 1;
  }
  return 0;
}

// The first line of tar's messages, for the error text.
std::string FirstLine(const std::string& log) {
  std::string line = log.substr(0, log.find('\n'));
  return line.empty() ? "tar failed" : line;
}

std::string TarPath() { return PathExists("/usr/bin/tar") ? "/usr/bin/tar" : "/bin/tar"; }

}  // namespace

Status ExtractRootfsArchive(const std::string& archive, const std::string& dest) {
  if (Status st = RemoveTree(dest); !st.ok()) return st;
  if (Status st = MakeDirs(dest, 0755); !st.ok()) return st;
  std::string log = dest + ".log";
  Status tar =
      RunCommand({TarPath(), "--extract", "--file", archive, "--directory", dest, "--numeric-owner",
                  "--same-owner", "--same-permissions", "--no-overwrite-dir"},
                 log);
  auto text = ReadFile(log);
  ::unlink(log.c_str());
  if (!tar.ok())
    return Status::Error("the archive is not a readable tar archive (" +
                         FirstLine(text.ok() ? text.value() : "") + ")");
  drop_error.clear();
  if (::nftw(dest.c_str(), DropSpecial, 32, FTW_PHYS) != 0)
    return Status::Error(drop_error.empty() ? "walking the extracted archive failed" : drop_error);
  return ShiftOwnersIntoVmRange(dest);
}

}  // namespace vers::local
