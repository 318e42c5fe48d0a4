// Files a case makes in its workspace before its steps (the payloads and
// odd sources the bash tests made with head, mkfifo, ln -s and truncate),
// described as data. Making a regular file records its SHA-256 and size as
// {{sha:PATH}} and {{size:PATH}} for configurations and checks.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "actions.h"

namespace vers::acceptance {

struct LocalFile {
  enum class Kind { kText, kRandom, kSparse, kFifo, kSymlink, kDirectory };
  std::string path;  // relative to the workspace; parent directories are made
  Kind kind = Kind::kText;
  std::string text;        // kText: the content; kSymlink: the target
  std::uint64_t size = 0;  // kRandom, kSparse: bytes
  unsigned mode = 0644;    // regular files' permission bits
};

LocalFile TextFile(std::string path, std::string content, unsigned mode = 0644);
// SIZE bytes from a pseudo-random generator (incompressible, new each run).
LocalFile RandomFile(std::string path, std::uint64_t size);
// A file of SIZE bytes that takes no space (truncate -s).
LocalFile SparseFile(std::string path, std::uint64_t size);
LocalFile Fifo(std::string path);
LocalFile Symlink(std::string path, std::string target);
LocalFile Directory(std::string path);

// An action (a case's setup or a step's pre_config) making FILES in order,
// replacing what is there; a file that cannot be made fails the test.
Action MakeLocalFiles(std::vector<LocalFile> files);

// The SHA-256 of the local file PATH in hex ("" when it cannot be read).
std::string Sha256OfFile(const std::string& path);

}  // namespace vers::acceptance
