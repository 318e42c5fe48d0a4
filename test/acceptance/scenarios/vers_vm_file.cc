// vers_vm_file (issue 14's resource in the typed style) against vers-local:
// files written through PUT /vm/{id}/files, visible on the VM with their
// mode; the sensitive one never printed; import by `<vm_id>:<path>` verified
// attribute by attribute; a file changed and one deleted on the VM planned
// back and rewritten; a new path replaces the file (the old one removed);
// a file dropped from the configuration removed from the VM.
//
// The API behaviour vers-local follows: the spec (VmWriteFileRequest,
// VmReadFileResponse, VmExecRequest's argv) and Vers's server (its read
// handler answers a failed read with 500; its write handler sets the mode
// after writing).
#include <catch2/catch.hpp>

#include "checks.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

// The configuration: the VM, its config file at CONFIG_PATH (create_dirs
// only when its directory is new) and, WITH_TOKEN, a sensitive file.
std::string MainTf(const std::string& config_path, bool with_token) {
  bool new_dir = config_path.rfind("/etc/app/", 0) == 0;
  std::string tf = R"(resource "vers_vm" "app" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
}

resource "vers_vm_file" "config" {
  vm_id   = vers_vm.app.id
  path    = ")" + config_path +
                   R"("
  content = "listen = 8080\n"
  mode    = "0640"
)" + (new_dir ? "  create_dirs = true\n" : "") +
                   R"(}

output "vm_id" { value = vers_vm.app.id }
)";
  if (with_token)
    tf += R"(
resource "vers_vm_file" "token" {
  vm_id             = vers_vm.app.id
  path              = "/root/token"
  sensitive_content = "tok-5f3a9c"
}
)";
  return tf;
}

// The exec answer of ARGV (a JSON array) run on the case's VM.
Result<std::string> OnVm(Context& ctx, const std::string& argv) {
  auto outputs = ctx.workspace.Outputs();
  if (!outputs.ok()) return outputs.status();
  return ctx.vers->Api("POST", "/vm/" + outputs.value()["vm_id"] + "/exec",
                       R"({"command":)" + argv + "}");
}

// The file at PATH on the VM holds EXPECTED (as `stat -c %a`/`cat` print it).
Check OnVmIs(std::string what, std::string argv, std::string pointer, std::string expected) {
  return That(std::move(what), [=](Context& ctx) {
    auto answer = OnVm(ctx, argv);
    if (!answer.ok()) return answer.status();
    auto got = Field(answer.value(), pointer);
    return got.ok() ? Same(got.value(), expected) : got.status();
  });
}

Check Holds(const std::string& path, const std::string& content) {
  return OnVmIs(path + " holds its content", R"(["cat",")" + path + R"("])", "/stdout", content);
}

Check Absent(const std::string& path) {
  return OnVmIs(path + " is gone", R"(["test","-e",")" + path + R"("])", "/exit_code", "1");
}

// Behind the provider's back: the config rewritten and chmod'ed, the token removed.
void ChangeOnVm(Context& ctx) {
  auto r = OnVm(
      ctx,
      R"(["sh","-c","echo edited > /etc/app.conf && chmod 600 /etc/app.conf && rm /root/token"])");
  REQUIRE(r.ok());
}

}  // namespace

TEST_CASE("vers_vm_file") {
  const std::string first = "/etc/app.conf", second = "/etc/app/conf.d/app.conf";
  Run("vers_vm_file",
      {.vers_local = true,
       .steps =
           {{.name = "apply writes the file with its mode; it imports by <vm_id>:<path>",
             .files = {{"provider.tf", kVersProviderTf}, {"main.tf", MainTf(first, false)}},
             .checks = {Holds(first, "listen = 8080\n"),
                        OnVmIs("its mode is 0640", R"(["stat","-c","%a",")" + first + R"("])",
                               "/stdout", "640\n"),
                        AttrPair("vers_vm_file.config", "id", "vers_vm.app", "id")},
             .imports = {{.address = "vers_vm.app",
                          .id =
                              [](const FlatMap& a) {
                                return a.at("id") +
                                       ":vcpu_count=1,mem_size_mib=512,fs_size_mib=1024,"
                                       "image_name=default,kernel_name=default.bin";
                              }},
                         {.address = "vers_vm_file.config",
                          .id = [](const FlatMap& a) { return a.at("vm_id") + ":" + a.at("path"); },
                          // An import holds the bytes as sensitive (the
                          // configuration is not known then); the plan
                          // moves them to `content` in place.
                          .ignore = {"content", "sensitive_content"}}},
             .import_plan_empty = false,
             .import_checks = {Attr("vers_vm_file.config", "sensitive_content", "listen = 8080\n"),
                               NoAttr("vers_vm_file.config", "content"),
                               LineHas({"vers_vm_file.config", "updated in-place"})}},
            {.name = "a sensitive file is written, its content never printed",
             .files = {{"main.tf", MainTf(first, true)}},
             .checks = {Holds("/root/token", "tok-5f3a9c"),
                        OnVmIs("its mode is the default 0644",
                               R"(["stat","-c","%a","/root/token"])", "/stdout", "644\n"),
                        NotPrinted("tok-5f3a9c")}},
            {.name = "a file edited and one deleted on the VM are planned back",
             .pre_config = ChangeOnVm,
             .command = Command::kPlan,
             .expect_actions = {{"vers_vm_file.config update", "vers_vm_file.token create"}}},
            {.name = "apply writes them again",
             .checks = {Holds(first, "listen = 8080\n"), Holds("/root/token", "tok-5f3a9c"),
                        OnVmIs("the config's mode is 0640 again",
                               R"(["stat","-c","%a",")" + first + R"("])", "/stdout", "640\n")}},
            {.name = "a new path replaces the file",
             .files = {{"main.tf", MainTf(second, true)}},
             .expect_actions = {{"vers_vm_file.config delete,create"}},
             .checks = {Absent(first), Holds(second, "listen = 8080\n")}},
            {.name = "a file dropped from the configuration is removed from the VM",
             .files = {{"main.tf", MainTf(second, false)}},
             .expect_actions = {{"vers_vm_file.token delete"}},
             .checks = {Absent("/root/token"), Holds(second, "listen = 8080\n")}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
