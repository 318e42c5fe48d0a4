// Small filesystem helpers. All return Status/Result with messages that name
// the path and errno text but never file contents.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace vers::local {

// Writes `data` to `path` crash-safely: temp file in the same directory,
// fsync, rename over `path`, fsync the directory. `mode` applies to the new file.
Status WriteFileAtomic(const std::string& path, const std::string& data, int mode = 0644);
// Writes `data` to an existing file in place (for /proc and cgroupfs files,
// where a temp file + rename is impossible).
Status WriteFileInPlace(const std::string& path, const std::string& data);
Result<std::string> ReadFile(const std::string& path);
bool PathExists(const std::string& path);
// mkdir -p.
Status MakeDirs(const std::string& path, int mode = 0755);
// rm -rf; does not cross into other mounts' contents beyond what unlink sees.
Status RemoveTree(const std::string& path);
// cp -a --reflink=auto src/. dst (dst is created); preserves owners, modes,
// xattrs and special files such as overlayfs whiteouts.
Status CopyTree(const std::string& src, const std::string& dst);
// Directory entries (names only, without . and ..).
Result<std::vector<std::string>> ListDir(const std::string& path);

}  // namespace vers::local
