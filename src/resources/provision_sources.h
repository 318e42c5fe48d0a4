// What a vers_provision `source` path stands for on the local machine: the
// regular files to upload, found with every symlink followed. Only regular
// files and directories are sources; anything that could hang or never end
// (a FIFO, a device, a socket) and every symlink loop or directory cycle is
// refused, naming the entry at fault, before a single byte is read.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace vers::resources {

struct SourceFile {
  std::string path;      // the local path, `source` itself or below it
  std::string relative;  // below a directory source: its path there ("a/b.txt"); else ""
  int mode = 0644;       // its permission bits (of the file a symlink points to)
};

// Lists `source`: itself when it is a regular file; when it is a directory,
// every regular file below it, depth first in name order (the order of their
// paths), through directory symlinks too. An error for anything else, with a
// message that names the offending path: kNotFound when `source` (or a symlink
// in a directory source) leads nowhere; kError for a symlink loop, a
// directory that contains itself through a symlink, a special file, or what
// cannot be read.
Result<std::vector<SourceFile>> ListSourceFiles(const std::string& source);

// Shows `s` for a diagnostic: quoted, control characters escaped (\n, \x00).
std::string Shown(const std::string& s);

}  // namespace vers::resources
