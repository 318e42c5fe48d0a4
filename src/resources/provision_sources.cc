#include "resources/provision_sources.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace vers::resources {

namespace fs = std::filesystem;

namespace {

std::string KindOf(fs::file_type type) {
  switch (type) {
    case fs::file_type::fifo:
      return "a FIFO (named pipe)";
    case fs::file_type::socket:
      return "a socket";
    case fs::file_type::character:
      return "a character device";
    case fs::file_type::block:
      return "a block device";
    default:
      return "not a regular file or a directory";
  }
}

// Why `path` (whose status could not be had) cannot be a source.
Status StatusError(const fs::path& path, const std::error_code& ec) {
  if (ec.value() == ELOOP)
    return Status::Error(Shown(path.string()) +
                         " is a symlink loop (too many levels of symbolic links)");
  if (ec.value() == ENOENT || ec.value() == ENOTDIR) {
    std::error_code lec;
    if (fs::is_symlink(fs::symlink_status(path, lec)))
      return Status::NotFound(Shown(path.string()) + " is a symlink to a path that does not exist");
    return Status::NotFound(Shown(path.string()) + " does not exist");
  }
  return Status::Error(Shown(path.string()) + " cannot be read: " + ec.message());
}

int ModeOf(const fs::file_status& st) {
  return static_cast<int>(st.permissions() & fs::perms::mask);
}

// Directory symlinks that are not cycles can still multiply a tree
// exponentially (each level linking twice to the next); listing stops here.
constexpr size_t kMaxEntries = size_t{1} << 20;

struct WalkState {
  std::vector<fs::path> ancestors;  // the directories that lead to the one walked, the source first
  size_t entries = 0;
  std::vector<SourceFile>& out;
};

// Adds the regular files below `dir` (whose path from the source is
// `relative`) to the output. A directory symlink back to one of the
// ancestors is a cycle.
Status Walk(const fs::path& dir, const std::string& relative, WalkState& w) {
  std::error_code ec;
  std::vector<std::string> names;
  fs::directory_iterator it(dir, ec);
  for (; !ec && it != fs::directory_iterator(); it.increment(ec))
    names.push_back(it->path().filename().string());
  if (ec)
    return Status::Error("the directory " + Shown(dir.string()) +
                         " cannot be read: " + ec.message());
  std::sort(names.begin(), names.end());
  for (const auto& name : names) {
    if (++w.entries > kMaxEntries)
      return Status::Error(Shown(w.ancestors.front().string()) + " holds more than " +
                           std::to_string(kMaxEntries) + " entries (directory symlinks included)");
    const fs::path path = dir / name;
    const std::string rel = relative.empty() ? name : relative + "/" + name;
    fs::file_status st = fs::status(path, ec);
    if (ec) return StatusError(path, ec);
    if (fs::is_regular_file(st)) {
      w.out.push_back({path.string(), rel, ModeOf(st)});
    } else if (fs::is_directory(st)) {
      for (const auto& a : w.ancestors) {
        bool same = fs::equivalent(path, a, ec);
        if (ec) return StatusError(path, ec);
        if (same)
          return Status::Error(Shown(path.string()) + " leads back to " + Shown(a.string()) +
                               " (a directory symlink cycle)");
      }
      w.ancestors.push_back(path);
      Status s = Walk(path, rel, w);
      w.ancestors.pop_back();
      if (!s.ok()) return s;
    } else {
      return Status::Error(Shown(path.string()) + " in the directory is " + KindOf(st.type()) +
                           "; only regular files and directories can be uploaded");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string Shown(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '"' || c == '\\') {
      (out += '\\') += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

Result<std::vector<SourceFile>> ListSourceFiles(const std::string& source) {
  std::error_code ec;
  const fs::path path(source);
  fs::file_status st = fs::status(path, ec);
  if (ec) return StatusError(path, ec);
  std::vector<SourceFile> out;
  if (fs::is_regular_file(st)) {
    out.push_back({source, "", ModeOf(st)});
  } else if (fs::is_directory(st)) {
    WalkState w{{path}, 0, out};
    if (Status s = Walk(path, "", w); !s.ok()) return s;
  } else {
    return Status::Error(Shown(source) + " is " + KindOf(st.type()) +
                         "; only regular files and directories can be uploaded");
  }
  return out;
}

}  // namespace vers::resources
