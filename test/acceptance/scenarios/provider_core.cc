// The provider core: validate, plan, apply of a data source, the schema as
// the CLI reports it, and diagnostics for bad provider settings.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "checks.h"
#include "support/provider_core_checks.h"

namespace vers::acceptance {
namespace {

constexpr char kVersionsTf[] = R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
)";

// main.tf with SETTINGS in the provider block and the endpoint's outputs.
std::map<std::string, std::string> Main(const std::string& settings) {
  return {{"versions.tf", kVersionsTf}, {"main.tf", "provider \"vers\" {\n  " + settings + R"(
}
data "vers_endpoint" "current" {}
output "vm_domain" { value = data.vers_endpoint.current.vm_domain }
output "base_url" { value = data.vers_endpoint.current.base_url }
output "has_api_key" { value = data.vers_endpoint.current.has_api_key }
output "ssh_port" { value = data.vers_endpoint.current.ssh_port }
)"}};
}

constexpr char kLoopback[] = R"(base_url = "http://127.0.0.1:8443/api/v1")";

// A refused setting: validate fails saying MESSAGE.
Step Refused(std::string name, std::string settings, std::string message) {
  return {.name = std::move(name),
          .files = Main(settings),
          .command = Command::kValidate,
          .expect_error = std::move(message)};
}

}  // namespace

TEST_CASE("provider_core") {
  Run("provider_core",
      {.steps =
           {{.name = "validate", .files = Main(""), .command = Command::kValidate},
            {.name = "plan without an API key", .command = Command::kPlan},
            {.name = "apply of the data source",
             .expect_output = {"Apply complete"},
             .checks = {Output("vm_domain", "vm.vers.sh"),
                        Output("base_url", "https://api.vers.sh/api/v1"),
                        Output("has_api_key", "false"), Output("ssh_port", "443")}},
            // Environment variables configure the provider; vm_domain follows base_url.
            {.name = "apply with environment settings",
             .env = {{"VERS_BASE_URL", "https://api.example.test/api/v1"},
                     {"VERS_API_KEY", "k-secret-1234"}},
             .expect_output = {"Apply complete"},
             .checks = {Output("vm_domain", "vm.example.test"), Output("has_api_key", "true"),
                        NowhereIn({"terraform.tfstate"}, "k-secret-1234")}},
            {.name = "http is accepted for loopback",
             .files = Main(kLoopback),
             .expect_output = {"Apply complete"},
             .checks = {Output("vm_domain", "vm.localhost")}},
            // A host not starting with "api." does not name the VMs' domain: vm.vers.sh,
            // as vers-cli internal/auth/auth.go GetVMDomain assumes, with a warning.
            {.name = "a host without api. gives vm.vers.sh",
             .files = Main(""),
             .env = {{"VERS_BASE_URL", "https://vers.example.test/api/v1"}},
             .expect_output = {"vm_domain assumed"},
             .checks = {Output("vm_domain", "vm.vers.sh")}},
            // The TLS front's port: VERS_SSH_TLS_PORT, and ssh_tls_port in the block wins.
            {.name = "VERS_SSH_TLS_PORT sets the SSH-over-TLS port",
             .env = {{"VERS_SSH_TLS_PORT", "8443"}},
             .checks = {Output("ssh_port", "8443")}},
            {.name = "ssh_tls_port wins over VERS_SSH_TLS_PORT",
             .files = Main("ssh_tls_port = 9443"),
             .env = {{"VERS_SSH_TLS_PORT", "8443"}},
             .checks = {Output("ssh_port", "9443")}},
            {.name = "logs",
             .files = Main(kLoopback),
             .command = Command::kNone,
             .checks = {TracePlan("k-trace-secret-5678"),
                        LineHas(
                            {"provider.terraform-provider-vers: plugin serving:", "@module=vers"}),
                        Printed("tls=on"),
                        LineHas({"provider configured:", "@module=vers",
                                 "base_url=http://127.0.0.1:8443/api/v1"}),
                        NowhereIn({}, "k-trace-secret-5678")}},
            {.name = "the schema", .command = Command::kNone, .checks = {SchemaMatchesContract()}},
            {.name = "plain http to a remote host is a diagnostic on base_url",
             .files = Main(R"(base_url = "http://api.example.test/v1")"),
             .command = Command::kValidate,
             .args = {"-json"},
             .expect_error = "Invalid base_url",
             .checks = {OneDiagnosticOnBaseUrl()}},
            // A name that merely starts with "127." is resolved by DNS and may be anywhere:
            // the API key must not go there in clear (only literal loopback or localhost).
            Refused("plain http to 127.attacker.test is refused",
                    R"(base_url = "http://127.attacker.test:8099/api/v1")",
                    "would send the API key in clear"),
            Refused("plain http to vers.localhost is refused",
                    R"(base_url = "http://vers.localhost:8099/api/v1")",
                    "would send the API key in clear"),
            Refused("an ftp URL is refused", R"(base_url = "ftp://api.example.test")",
                    R"(unsupported scheme "ftp")"),
            Refused("a bad vm_domain is refused", R"(vm_domain = "not a domain")",
                    "Invalid vm_domain"),
            Refused("ssh_tls_port 0 is refused, saying what is accepted", "ssh_tls_port = 0",
                    "ssh_tls_port is 0; it must be a whole number from 1 to 65535"),
            {.name = "a bad VERS_SSH_TLS_PORT names the variable",
             .files = Main(""),
             .command = Command::kPlan,
             .args = {"-refresh=false"},
             .env = {{"VERS_SSH_TLS_PORT", "https"}},
             .expect_error = "Invalid VERS_SSH_TLS_PORT"},
            {.name = "an unreadable ca_cert_file is reported at configure",
             .files = Main(R"(ca_cert_file = "/nonexistent/ca.pem")"),
             .command = Command::kPlan,
             .expect_error = "Unreadable ca_cert_file"},
            {.name = "a bad VERS_BASE_URL names the variable",
             .command = Command::kPlan,
             .args = {"-refresh=false"},
             .env = {{"VERS_BASE_URL", "http://api.example.test"}},
             .expect_error = "VERS_BASE_URL"},
            // Run by hand, the binary explains itself instead of hanging.
            {.name = "run by hand", .command = Command::kNone, .checks = {RunByHandExplains()}}},
       .destroy = false});
}

}  // namespace vers::acceptance
