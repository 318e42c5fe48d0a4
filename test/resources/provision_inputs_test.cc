// vers_provision's inputs: reading them (with diagnostics), the id hash, and
// the remote command line.
#include "resources/provision_inputs.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "plugin/values.h"
#include "resources/provision.h"
#include "ssh/session.h"

namespace vers::resources {
namespace {

namespace fs = std::filesystem;
using cty::Value;

struct TempDir {
  TempDir() {
    path = fs::temp_directory_path() / ("vers-provision-" + std::to_string(::getpid()));
    fs::create_directories(path / "tree" / "sub");
  }
  ~TempDir() { fs::remove_all(path); }
  void Write(const std::string& rel, const std::string& content) {
    std::ofstream(path / rel) << content;
  }
  fs::path path;
};

// A vers_provision object with `files` (each {source|content, destination,
// mode}) and `commands`.
Value Object(std::vector<std::map<std::string, std::string>> files,
             std::vector<std::string> commands = {}) {
  static const Provision resource;
  const schema::Schema& s = resource.GetSchema();
  cty::Type type = s.ValueType();
  cty::Type file_type = type.attributes().at("files").element();
  Value::Elements file_values;
  for (const auto& f : files) {
    values::ObjectBuilder b(Value::Null(file_type));
    for (const auto& [k, v] : f) b.SetString(k, v);
    file_values.push_back(b.Build());
  }
  Value::Elements command_values;
  for (const auto& c : commands) command_values.push_back(Value::String(c));
  values::ObjectBuilder o(Value::Null(type));
  o.SetString("vm_id", "vm-1");
  if (!files.empty()) o.Set("files", Value::List(file_type, file_values));
  if (!commands.empty()) o.Set("commands", Value::List(cty::Type::String(), command_values));
  return o.Build();
}

}  // namespace

TEST_CASE("directories expand into their files, in order, with their modes", "[provision]") {
  TempDir d;
  d.Write("tree/b.txt", "b");
  d.Write("tree/sub/a.sh", "a");
  fs::permissions(d.path / "tree/sub/a.sh", fs::perms::owner_all);
  Diagnostics diags;
  auto in = ReadProvisionInputs(
      Object({{{"source", (d.path / "tree").string()}, {"destination", "/opt/t/"}},
              {{"content", "x"}, {"destination", "/etc/x"}, {"mode", "0600"}}}),
      diags);
  REQUIRE_FALSE(diags.HasError());
  REQUIRE(in.uploads.size() == 3);
  CHECK(in.uploads[0].destination == "/opt/t/b.txt");
  CHECK(in.uploads[1].destination == "/opt/t/sub/a.sh");
  CHECK(in.uploads[1].mode == 0700);
  CHECK(in.uploads[2].content == "x");
  CHECK(in.uploads[2].mode == 0600);
  CHECK(in.uploads[2].config_index == 1);
}

TEST_CASE("bad file entries are diagnostics on the element", "[provision]") {
  Diagnostics diags;
  ReadProvisionInputs(Object({{{"destination", "/x"}},
                              {{"content", "c"}, {"source", "/etc/hostname"}, {"destination", "/y"}},
                              {{"content", "c"}, {"destination", "relative"}},
                              {{"source", "/nonexistent/file"}, {"destination", "/z"}},
                              {{"content", "c"}, {"destination", "/m"}, {"mode", "999"}}}),
                      diags);
  std::vector<std::string> got;
  for (const auto& d : diags.items()) got.push_back(d.summary + " @ " + d.path->ToString());
  CHECK(got == std::vector<std::string>{
                   "Missing file source @ files[0].source",
                   "Conflicting file sources @ files[1].content",
                   "Invalid destination @ files[2].destination",
                   "Source not found @ files[3].source",
                   "Invalid file mode @ files[4].mode",
               });
}

TEST_CASE("the id hashes file contents, and only the inputs", "[provision]") {
  TempDir d;
  d.Write("tree/f", "one");
  Value config = Object({{{"source", (d.path / "tree/f").string()}, {"destination", "/f"}}},
                        {"make install"});
  Diagnostics diags;
  std::string first = ProvisionId(ReadProvisionInputs(config, diags));
  CHECK(first.size() == 64);
  CHECK(ProvisionId(ReadProvisionInputs(config, diags)) == first);  // stable
  d.Write("tree/f", "two");                                         // same path, new contents
  std::string changed = ProvisionId(ReadProvisionInputs(config, diags));
  CHECK(changed != first);
  d.Write("tree/f", "one");
  CHECK(ProvisionId(ReadProvisionInputs(config, diags)) == first);
  // Field boundaries count: ["ab","c"] and ["a","bc"] differ.
  ProvisionInputs a, b;
  a.commands = {"ab", "c"};
  b.commands = {"a", "bc"};
  CHECK(ProvisionId(a) != ProvisionId(b));
  REQUIRE_FALSE(diags.HasError());
}

TEST_CASE("remote commands carry environment and directory, safely quoted", "[provision]") {
  ProvisionInputs in;
  in.environment = {{"GREETING", "it's \"quoted\" $HOME"}};
  in.working_dir = "/opt/my app";
  CHECK(RemoteCommand(in, "echo $GREETING") ==
        "export GREETING='it'\\''s \"quoted\" $HOME'; cd '/opt/my app' && { echo $GREETING\n}");
  CHECK(ssh::ShellQuote("") == "''");
}

}  // namespace vers::resources
