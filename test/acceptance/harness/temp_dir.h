// A temporary directory owned by the test: made under $TMPDIR (or /tmp) and
// removed with everything in it when the owner goes out of scope.
#pragma once

#include <string>

namespace vers::acceptance {

class TempDir {
 public:
  // Makes "<tmp>/vers-e2e-<name>-XXXXXX"; throws std::runtime_error if it cannot.
  explicit TempDir(const std::string& name);
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path()/name.
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace vers::acceptance
