// vers_provision's inputs: reading them (with diagnostics), the id hash, and
// the remote command line.
#include "resources/provision_inputs.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>

#include "plugin/values.h"
#include "resources/framework.h"
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

// The descriptor of a `files` element's attribute `name`.
const schema::Attr<std::string>& FileAttr(const std::string& name) {
  for (const auto* a : {&kProvisionFile.source, &kProvisionFile.content,
                        &kProvisionFile.destination, &kProvisionFile.mode})
    if (a->name() == name) return *a;
  FAIL("no files attribute " << name);
  throw std::logic_error("unreachable");
}

// A vers_provision object with `files` (each {source|content, destination,
// mode}) and `commands`; `more` sets other attributes.
Value Object(std::vector<std::map<std::string, std::string>> files,
             std::vector<std::string> commands = {},
             const std::function<void(values::ObjectBuilder&)>& more = nullptr) {
  static const Provision resource;
  const schema::Schema& s = resource.GetSchema();
  cty::Type type = s.ValueType();
  cty::Type file_type = kProvisionFile.ObjectType();
  Value::Elements file_values;
  for (const auto& f : files) {
    values::ObjectBuilder b(Value::Null(file_type));
    for (const auto& [k, v] : f) b.Set(FileAttr(k), v);
    file_values.push_back(b.Build());
  }
  Value::Elements command_values;
  for (const auto& c : commands) command_values.push_back(Value::String(c));
  values::ObjectBuilder o(Value::Null(type));
  o.Set(kProvision.vm_id, "vm-1");
  if (!files.empty()) o.Set(kProvisionInputs.files, Value::List(file_type, file_values));
  if (!commands.empty())
    o.Set(kProvisionInputs.commands, Value::List(cty::Type::String(), command_values));
  if (more) more(o);
  return o.Build();
}

Value Strings(std::vector<std::string> items) {
  Value::Elements e;
  for (auto& s : items) e.push_back(Value::String(s));
  return Value::List(cty::Type::String(), e);
}

// "summary @ path" of each diagnostic, in order.
std::vector<std::string> Got(const Diagnostics& diags) {
  std::vector<std::string> got;
  for (const auto& d : diags.items())
    got.push_back(d.summary + " @ " + (d.path ? d.path->ToString() : "-"));
  return got;
}

// The detail of the only diagnostic.
std::string OnlyDetail(const Diagnostics& diags) {
  REQUIRE(diags.items().size() == 1);
  return diags.items()[0].detail;
}

// The diagnostics of a files list holding one source.
Diagnostics ReadSource(const fs::path& source) {
  Diagnostics diags;
  auto in =
      ReadProvisionInputs(Object({{{"source", source.string()}, {"destination", "/d"}}}), diags);
  return diags;
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
  ReadProvisionInputs(
      Object({{{"destination", "/x"}},
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
  Value config =
      Object({{{"source", (d.path / "tree/f").string()}, {"destination", "/f"}}}, {"make install"});
  Diagnostics diags;
  auto id = [&]() {
    auto r = ProvisionId(ReadProvisionInputs(config, diags));
    REQUIRE(r.ok());
    return r.value();
  };
  std::string first = id();
  CHECK(first.size() == 64);
  CHECK(id() == first);      // stable
  d.Write("tree/f", "two");  // same path, new contents
  CHECK(id() != first);
  d.Write("tree/f", "one");
  CHECK(id() == first);
  // Field boundaries count: ["ab","c"] and ["a","bc"] differ.
  ProvisionInputs a, b;
  a.commands = {"ab", "c"};
  b.commands = {"a", "bc"};
  CHECK(ProvisionId(a).value() != ProvisionId(b).value());
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

namespace vers::resources {
namespace {

using Catch::Matchers::Contains;

TEST_CASE("only regular files and directories are sources, named when refused", "[provision]") {
  TempDir d;
  REQUIRE(::mkfifo((d.path / "fifo").c_str(), 0600) == 0);
  fs::create_symlink("loop-b", d.path / "loop-a");
  fs::create_symlink("loop-a", d.path / "loop-b");
  fs::create_symlink("nowhere", d.path / "dangling");

  Diagnostics zero = ReadSource("/dev/zero");  // hung `plan` forever when hashed
  CHECK(Got(zero) == std::vector<std::string>{"Unsupported source @ files[0].source"});
  CHECK_THAT(OnlyDetail(zero), Contains("files[0].source: \"/dev/zero\" is a character device") &&
                                   Contains("only regular files and directories"));
  Diagnostics fifo = ReadSource(d.path / "fifo");
  CHECK(Got(fifo) == std::vector<std::string>{"Unsupported source @ files[0].source"});
  CHECK_THAT(OnlyDetail(fifo), Contains("is a FIFO"));
  // A loop threw out of the provider ("Internal error ... This is a bug").
  Diagnostics loop = ReadSource(d.path / "loop-a");
  CHECK(Got(loop) == std::vector<std::string>{"Unsupported source @ files[0].source"});
  CHECK_THAT(OnlyDetail(loop), Contains("loop-a\" is a symlink loop"));
  Diagnostics dangling = ReadSource(d.path / "dangling");
  CHECK(Got(dangling) == std::vector<std::string>{"Source not found @ files[0].source"});
  CHECK_THAT(OnlyDetail(dangling), Contains("is a symlink to a path that does not exist"));

  // Symlinks to a regular file are followed, with the target's mode.
  d.Write("real", "x");
  fs::permissions(d.path / "real", fs::perms::owner_read | fs::perms::owner_exec);
  fs::create_symlink("real", d.path / "link");
  Diagnostics ok;
  auto in = ReadProvisionInputs(
      Object({{{"source", (d.path / "link").string()}, {"destination", "/d"}}}), ok);
  REQUIRE_FALSE(ok.HasError());
  REQUIRE(in.uploads.size() == 1);
  CHECK(in.uploads[0].mode == 0500);
}

TEST_CASE("directory sources follow symlinks, refuse cycles and special files", "[provision]") {
  TempDir d;
  d.Write("tree/b.txt", "b");
  d.Write("tree/sub/a.sh", "a");
  fs::create_directories(d.path / "elsewhere");
  d.Write("elsewhere/e.txt", "e");
  fs::create_symlink(d.path / "elsewhere", d.path / "tree" / "linked");
  Diagnostics ok;
  auto in = ReadProvisionInputs(
      Object({{{"source", (d.path / "tree").string()}, {"destination", "/t"}}}), ok);
  REQUIRE_FALSE(ok.HasError());
  std::vector<std::string> dests;
  for (const auto& u : in.uploads) dests.push_back(u.destination);
  CHECK(dests == std::vector<std::string>{"/t/b.txt", "/t/linked/e.txt", "/t/sub/a.sh"});

  SECTION("a directory symlink back to an ancestor") {
    fs::create_symlink("..", d.path / "tree" / "sub" / "up");
    Diagnostics diags = ReadSource(d.path / "tree");
    CHECK(Got(diags) == std::vector<std::string>{"Unsupported source @ files[0].source"});
    CHECK_THAT(OnlyDetail(diags),
               Contains("sub/up\" leads back to") && Contains("(a directory symlink cycle)"));
  }
  SECTION("a FIFO inside") {
    REQUIRE(::mkfifo((d.path / "tree" / "sub" / "pipe").c_str(), 0600) == 0);
    Diagnostics diags = ReadSource(d.path / "tree");
    CHECK(Got(diags) == std::vector<std::string>{"Unsupported source @ files[0].source"});
    CHECK_THAT(OnlyDetail(diags), Contains("sub/pipe\" in the directory is a FIFO"));
  }
  SECTION("a symlink loop inside") {
    fs::create_symlink("self", d.path / "tree" / "self");
    Diagnostics diags = ReadSource(d.path / "tree");
    CHECK_THAT(OnlyDetail(diags), Contains("tree/self\" is a symlink loop"));
  }
  SECTION("a name with a control character inside") {
    d.Write("tree/sub/bad\nname", "x");
    Diagnostics diags = ReadSource(d.path / "tree");
    CHECK(Got(diags) == std::vector<std::string>{"Unsupported source @ files[0].source"});
    CHECK_THAT(OnlyDetail(diags), Contains("sub/bad\\nname\" has a control character (\"\\n\")"));
  }
  SECTION("a dangling symlink inside") {
    fs::create_symlink("gone", d.path / "tree" / "gone-link");
    Diagnostics diags = ReadSource(d.path / "tree");
    CHECK(Got(diags) == std::vector<std::string>{"Source not found @ files[0].source"});
    CHECK_THAT(OnlyDetail(diags), Contains("tree/gone-link\" is a symlink to a path"));
  }
}

TEST_CASE("environment keys are variable names; NULs never reach the VM", "[provision]") {
  const std::string nul("a\0b", 3);
  Diagnostics diags;
  auto in = ReadProvisionInputs(
      Object({{{"content", "x"}, {"destination", "/ok"}}}, {"true", "echo " + nul},
             [&](values::ObjectBuilder& o) {
               o.Set(kProvisionInputs.environment,
                     values::StringMapValue({{"A=1; touch /opt/x; B", "x"},
                                             {"9LIVES", "x"},
                                             {"_ok_9", "it's fine"},
                                             {"HAS_NUL", nul}}));
               o.Set(kProvision.destroy_commands, Strings({nul}));
               o.Set(kProvisionInputs.working_dir, "/opt" + nul);
             }),
      diags);
  CHECK(Got(diags) ==
        std::vector<std::string>{
            "Invalid environment variable name @ environment[\"9LIVES\"]",
            "Invalid environment variable name @ environment[\"A=1; touch /opt/x; B\"]",
            "Invalid environment value @ environment[\"HAS_NUL\"]",
            "Invalid working_dir @ working_dir",
            "Invalid command @ commands[1]",
            "Invalid command @ destroy_commands[0]",
        });
  CHECK_THAT(diags.items()[1].detail,
             Contains("is not a variable name") && Contains("letters, digits and _"));
  CHECK_THAT(diags.items()[4].detail, Contains("commands[1] \"echo a\\x00b\" contains a NUL"));
  // Valid names pass, their values quoted.
  ProvisionInputs ok;
  ok.environment = {{"_ok_9", "x; rm -rf /"}};
  CHECK(RemoteCommand(ok, "true") == "export _ok_9='x; rm -rf /'; { true\n}");
}

TEST_CASE("destinations are plain absolute paths, each written once", "[provision]") {
  TempDir d;
  d.Write("tree/b.txt", "b");
  d.Write("f", "f");
  Diagnostics diags;
  ReadProvisionInputs(Object({{{"content", "c"}, {"destination", "/etc/x\nmalicious"}},
                              {{"content", "c"}, {"destination", std::string("/a\0b", 4)}},
                              {{"content", "c"}, {"destination", "/etc/dir/"}},
                              {{"source", (d.path / "f").string()}, {"destination", "/t/b.txt"}},
                              {{"source", (d.path / "tree").string()}, {"destination", "/t/"}},
                              {{"content", "c"}, {"destination", "/t/b.txt/inner"}},
                              {{"content", "c"}, {"destination", "/ok/./y"}},
                              {{"content", "c"}, {"destination", "//ok/y"}}}),
                      diags);
  CHECK(Got(diags) == std::vector<std::string>{
                          "Invalid destination @ files[0].destination",
                          "Invalid destination @ files[1].destination",
                          "Invalid destination @ files[2].destination",
                          "Duplicate destination @ files[4].destination",
                          "Duplicate destination @ files[7].destination",
                          "Conflicting destinations @ files[5].destination",
                      });
  CHECK_THAT(
      diags.items()[0].detail,
      Contains(
          "files[0].destination \"/etc/x\\nmalicious\" contains a control character (\"\\n\")"));
  CHECK_THAT(diags.items()[2].detail, Contains("ends with \"/\""));
  CHECK_THAT(diags.items()[3].detail, Contains("both upload to \"/t/b.txt\""));
}

TEST_CASE("hashing fails on a read error, stops when asked, never waits on a FIFO", "[provision]") {
  TempDir d;
  d.Write("f", "data");
  ProvisionInputs in;
  in.uploads.push_back({(d.path / "f").string(), std::nullopt, "/f", 0644, 0});
  in.uploads.push_back({"/proc/self/mem", std::nullopt, "/m", 0644, 3});  // stats as a file
  size_t failed = 99;
  auto id = ProvisionId(in, nullptr, &failed);
  REQUIRE_FALSE(id.ok());
  CHECK(failed == 1);
  CHECK_THAT(id.status().message(), Contains("reading /proc/self/mem failed"));
  Diagnostics diags;
  CHECK_FALSE(ProvisionIdOrDiagnose(in, nullptr, diags));
  CHECK(Got(diags) == std::vector<std::string>{"Source cannot be read @ files[3].source"});

  in.uploads.pop_back();
  std::atomic<bool> stop{true};
  auto stopped = ProvisionId(in, &stop);
  REQUIRE_FALSE(stopped.ok());
  CHECK(stopped.status().code() == Status::Code::kCancelled);
  stop = false;
  CHECK(ProvisionId(in, &stop).ok());

  // A source swapped for a FIFO after it was listed: an error, not a hang.
  fs::remove(d.path / "f");
  REQUIRE(::mkfifo((d.path / "f").c_str(), 0600) == 0);
  auto fifo = ProvisionId(in);
  REQUIRE_FALSE(fifo.ok());
  CHECK_THAT(fifo.status().message(), Contains("is a FIFO"));
}

TEST_CASE("the id of unchanged inputs is what earlier versions computed", "[provision]") {
  // Expected value from a separate computation of the documented format
  // (length-prefixed fields, little-endian u64 lengths) in Python.
  TempDir d;
  d.Write("tree/b.txt", "b");
  d.Write("tree/sub/a.sh", "a");
  fs::permissions(d.path / "tree/b.txt", fs::perms::owner_read | fs::perms::owner_write);
  fs::permissions(d.path / "tree/sub/a.sh", fs::perms::owner_all);
  Diagnostics diags;
  auto in =
      ReadProvisionInputs(Object({{{"source", (d.path / "tree").string()}, {"destination", "/t"}},
                                  {{"content", "x"}, {"destination", "/x"}}},
                                 {"make"}),
                          diags);
  REQUIRE_FALSE(diags.HasError());
  auto id = ProvisionId(in);
  REQUIRE(id.ok());
  CHECK(id.value() == "b1b4c6baec36a71a66bc5564dffe10d185d1125a1ba629fc3af9ae0c6dfb1faa");
}

}  // namespace
}  // namespace vers::resources
