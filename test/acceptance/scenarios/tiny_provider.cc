// The plugin framework serving a second provider (test/plugin/tiny_provider:
// source example/tiny, its own identity, linked with the framework library
// alone) under real OpenTofu and Terraform: plan, apply, an empty re-plan, an
// in-place update that keeps unchanged set elements, a replacement, destroy.
// The CLI finds it by its own source address through dev_overrides
// (cli_config.h's DevOverride), instead of the harness's hdr/vers.
#include <catch2/catch.hpp>
#include <filesystem>

#include "actions.h"
#include "checks.h"
#include "cli_config.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

// main.tf with the note's TEXT, SIZE and ENTRIES (the set's elements).
std::string MainTf(const std::string& text, int size, const std::string& entries) {
  return R"(terraform {
  required_providers {
    tiny = { source = "example/tiny" }
  }
}
provider "tiny" {
  directory = "{{NOTES}}"
}
resource "tiny_note" "n" {
  text    = ")" +
         text + R"("
  size    = )" +
         std::to_string(size) + R"(
  entries = [)" +
         entries + R"(]
}
data "tiny_echo" "e" {
  text = tiny_note.n.text
}
output "id" { value = tiny_note.n.id }
output "revision" { value = tiny_note.n.revision }
output "length" { value = data.tiny_echo.e.length }
output "serials" { value = { for e in tiny_note.n.entries : e.name => e.serial } }
)";
}

const std::string kAb = R"({ name = "a" }, { name = "b" })";
const std::string kAc = R"({ name = "a" }, { name = "c" })";

// The provider's directory and the CLI configuration finding example/tiny.
void Setup(Context& ctx) {
  ctx.vars["NOTES"] = ctx.workspace.dir() + "/notes";
  fs::create_directories(ctx.vars["NOTES"]);
  UseCliConfig(DevOverride("example/tiny", RequiredEnv("TINY_PROVIDER")))(ctx);
}

// The output `serials` as "name=serial ..." sorted by name, equals EXPECTED.
Check SerialsAre(std::string what, std::string expected) {
  return Outputs(what + ": " + expected, [=](FlatMap& outputs) {
    std::string got;
    for (const auto& [key, value] : Under(outputs, "serials"))
      if (key != "%") got += (got.empty() ? "" : " ") + key + "=" + value;
    return Same(got, expected);
  });
}

// The note file NAME holds TEXT.
Check NoteHolds(std::string what, std::string name, std::string text) {
  return That(what,
              [=](Context& ctx) { return Same(ReadFile(ctx.vars["NOTES"] + "/" + name), text); });
}

Check NoNotesLeft() {
  return That("nothing is left", [](Context& ctx) {
    std::string left;
    for (const auto& entry : fs::directory_iterator(ctx.vars["NOTES"]))
      left += entry.path().filename().string() + " ";
    return Same(left, "");
  });
}

}  // namespace

TEST_CASE("tiny_provider") {
  Run("tiny_provider",
      {.setup = Setup,
       .steps =
           {{.name = "validate",
             .files = {{"main.tf", MainTf("hello", 1, kAb)}},
             .command = Command::kValidate},
            {.name = "create",  // and its re-plan is empty
             .checks = {NoteHolds("the note is a file with its text", "note-hello.note", "hello"),
                        Output("id", "note-hello"), Output("length", "5"),
                        SerialsAre("set elements numbered at create", "a=101 b=102")}},
            // An in-place update: the id is kept (UseStateForUnknown), the revision is
            // recomputed, the unchanged set element keeps its serial, the new one gets one.
            {.name = "text and entries change in place",
             .files = {{"main.tf", MainTf("hello again", 1, kAc)}},
             .expect_actions = std::vector<std::string>{"tiny_note.n update"},
             .checks = {Output("id", "note-hello"), Output("revision", "2"),
                        SerialsAre("unchanged set element keeps its serial", "a=101 c=201"),
                        NoteHolds("the file holds the new text", "note-hello.note",
                                  "hello again")}},
            // size requires replacement (the framework's RequiresReplace path).
            {.name = "size replaces",
             .files = {{"main.tf", MainTf("hello again", 2, kAc)}},
             .command = Command::kNone,
             .expect_actions = std::vector<std::string>{"tiny_note.n delete,create"}},
            // A note removed outside Terraform is planned again (Read reports it gone).
            {.name = "a removed note is created again",
             .files = {{"main.tf", MainTf("hello again", 1, kAc)}},
             .pre_config = [](Context& ctx) { fs::remove(ctx.vars["NOTES"] + "/note-hello.note"); },
             .expect_actions = std::vector<std::string>{"tiny_note.n create"}}},
       .after_destroy = {NoNotesLeft()}});
}

}  // namespace vers::acceptance
