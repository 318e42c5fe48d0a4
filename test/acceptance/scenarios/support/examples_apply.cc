#include "support/examples_apply.h"

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <sstream>

#include "backends.h"
#include "checks.h"
#include "json_flat.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

std::string ExamplesDir() { return RequiredEnv("VERS_SOURCE_DIR") + "/examples"; }

// The words of a shell line as the import.sh lines are written: separated
// by blanks, a word in single or double quotes taken without them.
std::vector<std::string> Words(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string word; in >> word;) {
    if (word.starts_with("#")) break;
    if (word.size() >= 2 && (word.front() == '\'' || word.front() == '"') &&
        word.back() == word.front())
      word = word.substr(1, word.size() - 2);
    words.push_back(word);
  }
  return words;
}

bool SaysReplaced(const std::string& comments) {
  return comments.find("replacement") != std::string::npos;
}

// The text of every *.tf of FOLDER (not its subfolders; not the import example).
std::string TfText(const std::string& folder) {
  std::string text;
  for (const auto& entry : fs::directory_iterator(ExamplesDir() + "/" + folder))
    if (entry.path().extension() == ".tf" && entry.path().filename() != "import-by-string-id.tf")
      text += ReadFile(entry.path()) + "\n";
  return text;
}

}  // namespace

std::vector<std::string> ExampleFolders() {
  std::set<std::string> folders;
  for (const auto& entry : fs::recursive_directory_iterator(ExamplesDir()))
    if (entry.path().extension() == ".tf")
      folders.insert(fs::relative(entry.path().parent_path(), ExamplesDir()).string());
  return {folders.begin(), folders.end()};
}

std::vector<DocumentedImport> DocumentedImports(const std::string& folder) {
  std::vector<DocumentedImport> imports;
  std::string dir = ExamplesDir() + "/" + folder;
  if (std::string block = ReadFile(dir + "/import-by-string-id.tf"); !block.empty()) {
    std::smatch to, id;
    std::string comments;
    std::regex comment("#(.*)");
    for (auto it = std::sregex_iterator(block.begin(), block.end(), comment);
         it != std::sregex_iterator(); ++it)
      comments += (*it)[1].str() + " ";
    auto flags = std::regex::ECMAScript | std::regex::multiline;
    if (std::regex_search(block, to, std::regex(R"(^\s*to\s*=\s*(\S+))", flags)) &&
        std::regex_search(block, id, std::regex(R"(^\s*id\s*=\s*"([^"]*)\")", flags)))
      imports.push_back({"block", to[1], id[1], SaysReplaced(comments)});
  }
  std::istringstream script(ReadFile(dir + "/import.sh"));
  std::string comments;
  for (std::string line; std::getline(script, line);) {
    std::string trimmed = line.substr(std::min(line.find_first_not_of(" \t"), line.size()));
    if (trimmed.starts_with("#")) {
      comments += trimmed.substr(1) + " ";
      continue;
    }
    std::vector<std::string> words = Words(line);
    if (words.size() == 4 && words[0] == "terraform" && words[1] == "import") {
      imports.push_back({"command", words[2], words[3], SaysReplaced(comments)});
      comments.clear();
    }
  }
  return imports;
}

std::pair<std::string, std::string> ProviderFile(const std::string& folder) {
  std::string text = TfText(folder);
  std::string settings = "ca_cert_file = \"{{CA}}\"";
  if (text.find("vers_vergeio_") != std::string::npos ||
      text.find("vergeio {") != std::string::npos)
    settings =
        "vergeio {\n    port         = {{VIO_PORT}}\n    ca_cert_file = \"{{VIO_CA}}\"\n"
        "    retry_delay  = \"1s\"\n  }";
  bool has_block = std::regex_search(
      text, std::regex("^provider \"vers\"", std::regex::ECMAScript | std::regex::multiline));
  return {has_block ? "zz_test_override.tf" : "zz_test_provider.tf",
          "provider \"vers\" {\n  " + settings + "\n}\n"};
}

Check ImportIdFor(std::string address, std::string doc_id) {
  return {"the import id for " + doc_id, [=](Context& ctx) {
            std::string first = doc_id.substr(0, doc_id.find(':'));
            static const std::regex kStandIn(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9]+");
            ctx.vars["IMPORT_ID"] = doc_id;
            if (!std::regex_match(first, kStandIn)) return Status::Ok();
            auto resource = ctx.workspace.Resource(address);
            if (!resource.ok()) return resource.status();
            ctx.vars["IMPORT_ID"] = resource.value()["id"] + doc_id.substr(first.size());
            return Status::Ok();
          }};
}

std::string VergeioHoldings(const Context& ctx) {
  auto count = [&](const std::string& path) {
    auto answer = ctx.vergeio->Call("GET", path);
    if (!answer.ok()) return answer.status().message();
    auto rows = FlattenRows(answer.value());
    return rows.ok() ? std::to_string(rows.value().size()) : rows.status().message();
  };
  std::vector<std::string> vms;
  auto answer =
      ctx.vergeio->Call("GET", "/api/v4/vms?fields=name,cpu_cores,ram,description,is_snapshot");
  if (!answer.ok()) return answer.status().message();
  auto rows = FlattenRows(answer.value());
  if (!rows.ok()) return rows.status().message();
  for (FlatMap& vm : rows.value())
    vms.push_back("(" + vm["name"] + ", " + vm["cpu_cores"] + ", " + vm["ram"] + ", " +
                  vm["description"] + ", " + vm["is_snapshot"] + ")");
  std::sort(vms.begin(), vms.end());
  std::string out;
  for (const std::string& vm : vms) out += vm + " ";
  return out + "snapshots: " + count("/api/v4/machine_snapshots") +
         " tags: " + count("/api/v4/tags") + " tag members: " + count("/api/v4/tag_members");
}

}  // namespace vers::acceptance
