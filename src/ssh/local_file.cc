#include "ssh/local_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace vers::ssh {

namespace {

std::string FileTypeName(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

}  // namespace

Result<LocalFile> LocalFile::OpenRegular(const std::string& path) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return Status::Error("cannot open " + path + ": " + std::strerror(errno));
  LocalFile file(fd, path);
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return Status::Error("cannot stat " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode))
    return Status::Error(path + " is " + FileTypeName(st.st_mode) + ", not a regular file");
  // Regular files ignore O_NONBLOCK; cleared all the same, for plain reads.
  if (::fcntl(fd, F_SETFL, 0) != 0)
    return Status::Error("cannot read " + path + ": " + std::strerror(errno));
  return file;
}

LocalFile::LocalFile(LocalFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

LocalFile& LocalFile::operator=(LocalFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

LocalFile::~LocalFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<size_t> LocalFile::Read(char* buf, size_t size) {
  while (true) {
    ssize_t n = ::read(fd_, buf, size);
    if (n >= 0) return static_cast<size_t>(n);
    if (errno == EINTR) continue;
    return Status::Error("reading " + path_ + " failed: " + std::strerror(errno));
  }
}

}  // namespace vers::ssh
