#include "tools/gen_docs/examples.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace vers::docs {
namespace fs = std::filesystem;
namespace {

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The example files of a page: `stem`*.tf, sorted.
std::vector<fs::path> UsageFiles(const fs::path& dir, const std::string& stem) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.starts_with(stem) && name.ends_with(".tf")) {
      files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

const char* Stem(const std::string& kind) {
  if (kind == "resources") return "resource";
  if (kind == "data-sources") return "data-source";
  return "ephemeral-resource";
}

}  // namespace

PageExamples ReadExamples(const fs::path& dir, const std::string& stem) {
  PageExamples out;
  for (const auto& f : UsageFiles(dir, stem)) out.usage.push_back(ReadFile(f));
  out.import_block = ReadFile(dir / "import-by-string-id.tf");
  out.import_command = ReadFile(dir / "import.sh");
  return out;
}

std::vector<std::string> CheckLayout(const fs::path& examples, const TypesByKind& types) {
  std::vector<std::string> problems;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(examples, ec)) {
    std::string name = e.path().filename().string();
    for (const auto& [kind, names] : types) {
      if (names.contains(name)) {
        problems.push_back("examples/" + name + " is in the old layout: move it to examples/" +
                           kind + "/" + name + "/ and name its shown file " + Stem(kind) + ".tf");
      }
    }
  }
  for (const auto& [kind, names] : types) {
    for (const auto& e : fs::directory_iterator(examples / kind, ec)) {
      std::string name = e.path().filename().string();
      if (!names.contains(name)) {
        problems.push_back("examples/" + kind + "/" + name + " is for no " + kind +
                           " type of this provider: rename or remove it");
      }
    }
    for (const auto& name : names) {
      if (UsageFiles(examples / kind / name, Stem(kind)).empty()) {
        problems.push_back(name + " has no example: write examples/" + kind + "/" + name + "/" +
                           Stem(kind) + ".tf (and a versions.tf so that the folder applies)");
      }
    }
  }
  return problems;
}

}  // namespace vers::docs
