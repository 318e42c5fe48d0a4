// LocalFile: a local regular file opened for reading, never blocking on what
// is not one. Both hashing vers_provision's inputs and uploading them read
// sources through it, so that a path swapped for a FIFO or a device after it
// was checked fails at once instead of hanging, and a read error is an error,
// not an early end of file.
#pragma once

#include <cstddef>
#include <string>

#include "base/status.h"

namespace vers::ssh {

class LocalFile {
 public:
  // Opens `path` (symlinks followed) without waiting on a FIFO's writer or a
  // device; an error unless it is a regular file. Errors name the path and why.
  static Result<LocalFile> OpenRegular(const std::string& path);

  // Moving hands the descriptor over (the moved-from file holds none);
  // destruction closes it.
  LocalFile(LocalFile&& other) noexcept;
  LocalFile& operator=(LocalFile&& other) noexcept;
  LocalFile(const LocalFile&) = delete;
  LocalFile& operator=(const LocalFile&) = delete;
  // Closes the descriptor, if this object still holds one.
  ~LocalFile();

  // Reads up to `size` bytes into `buf`: how many (0 at the end of the file),
  // or an error naming the file and the system's reason.
  Result<size_t> Read(char* buf, size_t size);

 private:
  LocalFile(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::string path_;
};

}  // namespace vers::ssh
