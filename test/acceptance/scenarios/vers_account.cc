// Issue 15, item 5, against vers-local: vers_env_var and vers_domain. Apply ->
// re-plan empty -> a value changed in place -> drift (a value changed behind
// Terraform's back is found by the refresh and set back) -> import into a
// fresh state, re-plan empty -> destroy -> nothing left. The value is a
// secret: it appears in no output of the CLI nor in the provider's log.
//
// Sources: the Vers spec (SetEnvVarsRequest, EnvVarsResponse, the domain
// operations), hdresearch/vers-cli internal/services/env/service.go (GET
// lists the values) and hdresearch/vers_user_skills error_shapes.md.
#include <catch2/catch.hpp>

#include "checks.h"
#include "secrets.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(variable "secret" {
  type      = string
  sensitive = true
  default   = "s3cr3t-first-value"
}
resource "vers_env_var" "token" {
  key   = "E2E_TOKEN"
  value = var.secret
}
resource "vers_vm" "web" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_domain" "web" {
  domain = "web.e2e.example.com"
  vm_id  = vers_vm.web.id
}
output "domain_id" { value = vers_domain.web.id }
)";

// GET PATH of the Vers API answers EXPECTED exactly (not printed: it may be
// the secret).
Check ApiAnswers(std::string what, std::string path, std::string expected) {
  return That(std::move(what), [=](Context& ctx) {
    auto got = ctx.vers->Api("GET", ctx.Expand(path));
    if (!got.ok()) return got.status();
    return got.value() == expected ? Status::Ok() : Status::Error("it answered otherwise");
  });
}

Check DomainOnVm() {
  return That("the API has the domain on the VM", [](Context& ctx) {
    auto outputs = ctx.workspace.Outputs();
    auto vm = ctx.workspace.Resource("vers_vm.web");
    if (!outputs.ok() || !vm.ok()) return Status::Error("no domain_id or VM in the state");
    auto domain = ctx.vers->Api("GET", "/domains/" + outputs.value()["domain_id"]);
    if (!domain.ok()) return domain.status();
    auto name = Field(domain.value(), "/domain");
    auto on = Field(domain.value(), "/vm_id");
    if (!name.ok() || !on.ok())
      return Status::Error("the answer lacks domain or vm_id: " + domain.value());
    return Same(name.value() + " on " + on.value(), "web.e2e.example.com on " + vm.value()["id"]);
  });
}

}  // namespace

TEST_CASE("vers_account") {
  const std::string kFirst = R"({"vars":{"E2E_TOKEN":"s3cr3t-first-value"}})";
  const std::string kSecond = R"({"vars":{"E2E_TOKEN":"s3cr3t-second-value"}})";
  Run("vers_account",
      {.vers_local = true,
       .setup = TraceProviderTo("provider.log"),
       .steps =
           {{.name = "apply sets the env var and binds the domain",
             .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kMainTf}},
             .checks = {ApiAnswers("the API has the value", "/env_vars", kFirst), DomainOnVm()}},
            {.name = "a new value is set in place",
             .files = {{"terraform.tfvars", "secret = \"s3cr3t-second-value\"\n"}},
             .expect_actions = {{"vers_env_var.token update"}},
             .checks = {ApiAnswers("the API has the new value", "/env_vars", kSecond)}},
            {.name = "a value changed elsewhere is drift, set back in place",
             .pre_config =
                 [](Context& ctx) {
                   REQUIRE(ctx.vers
                               ->Api("PUT", "/env_vars",
                                     R"({"vars":{"E2E_TOKEN":"changed-elsewhere"}})")
                               .ok());
                 },
             .expect_actions = {{"vers_env_var.token update"}},
             .checks = {ApiAnswers("the API has the configured value again", "/env_vars", kSecond)},
             // By key, by id, and the VM by id with its sizes.
             .imports = {{.address = "vers_env_var.token",
                          .id = [](const FlatMap&) { return std::string("E2E_TOKEN"); }},
                         {.address = "vers_domain.web"},
                         {.address = "vers_vm.web",
                          .id =
                              [](const FlatMap& vm) {
                                return vm.at("id") +
                                       ":vcpu_count=1,mem_size_mib=512,fs_size_mib=1024";
                              },
                          // The API does not report them and this id form
                          // (the bash test's) does not name them.
                          .ignore = {"image_name", "kernel_name"}}}},
            {.name = "a bad key fails validation, saying what a key is",
             .subdir = "bad",
             .files = {{"provider.tf", kVersProviderTf},
                       {"main.tf",
                        "resource \"vers_env_var\" \"bad\" {\n  key   = \"BAD-KEY\"\n  "
                        "value = \"x\"\n}\n"}},
             .command = Command::kValidate,
             .expect_error = "keys are shell identifiers"}},
       .after_destroy = {ApiAnswers("vers-local holds no env var", "/env_vars", R"({"vars":{}})"),
                         ApiAnswers("vers-local holds no domain", "/domains", "[]"),
                         VersCounters("0 0 0"),
                         FileHas("provider.log", "vers api call"),  // the trace log was written
                         NotLeaked("s3cr3t", {"provider.log"})}});
}

}  // namespace vers::acceptance
