// A ca_cert_file that does not vouch for the server (issue 10, item 5): the
// CA of another vers-local (same issuer name, another key) made OpenSSL 3
// fail the handshake with "asn1 encoding routines::EVP lib", which libcurl
// reports as a connect error, and every call was tried 6 times. Retrying
// cannot make a certificate trusted: one attempt, and a message that names
// ca_cert_file and what to do.
#include <catch2/catch.hpp>
#include <filesystem>

#include "checks.h"

namespace vers::acceptance {
namespace {

namespace fs = std::filesystem;

std::string VersTf(const std::string& ca) {
  return R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = ")" +
         ca + R"("
}
data "vers_vms" "all" {}
)";
}

constexpr char kVergeioTf[] = R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  vergeio {
    port         = {{VIO_PORT}}
    ca_cert_file = "{{WORK}}/other-vio-ca.pem"
    retry_delay  = "1s"
  }
}
resource "vers_vergeio_vm_snapshot" "s" {
  vm   = "web-server"
  name = "s"
}
)";

// Another emulator's CA, as left over from an earlier run: started, its CA
// copied to the workspace as NAME, stopped.
template <typename Emulator>
void CopyOtherCa(Context& ctx, const std::string& name) {
  std::string dir = ctx.workspace.dir() + "/" + name + ".d";
  fs::create_directories(dir);
  Emulator other(dir);
  fs::copy_file(other.ca_cert_file(), ctx.workspace.dir() + "/" + name);
}

// The provider's debug log (TF_LOG_PATH) has exactly one API call.
Check OneAttempt(std::string log) {
  return That("one attempt, no retry", [=](Context& ctx) {
    std::string text = ReadFile(ctx.workspace.dir() + "/" + log);
    size_t calls = 0;
    for (size_t at = text.find("vers api call"); at != std::string::npos;
         at = text.find("vers api call", at + 1))
      ++calls;
    return Same(std::to_string(calls), "1");
  });
}

Step RefusedCa(const std::string& ca, std::vector<std::string> also) {
  std::vector<std::string> printed = {"ca_cert_file \"{{WORK}}/" + ca + "\"", "this is not retried",
                                      "insecure = true"};
  printed.insert(printed.end(), also.begin(), also.end());
  return {.name = ca + ": the plan fails",
          .files = {{"main.tf", VersTf("{{WORK}}/" + ca)}},
          .command = Command::kPlan,
          .env = {{"TF_LOG_PROVIDER", "debug"}, {"TF_LOG_PATH", ca + ".log"}},
          .expect_error = "Error",
          .expect_output = printed,
          .checks = {That("exit code 1",
                          [](Context& c) { return Same(std::to_string(c.last.exit_code), "1"); }),
                     OneAttempt(ca + ".log")}};
}

}  // namespace

TEST_CASE("wrong_ca") {
  Run("wrong_ca",
      {.vers_local = true,
       .vergeio_local = true,
       .setup =
           [](Context& ctx) {
             ctx.vars["WORK"] = ctx.workspace.dir();
             CopyOtherCa<VersLocal>(ctx, "other-ca.pem");
             CopyOtherCa<VergeioLocal>(ctx, "other-vio-ca.pem");
             REQUIRE(WriteFile(ctx.workspace.dir() + "/garbage.pem", "not a certificate\n").ok());
           },
       .steps =
           {RefusedCa("other-ca.pem", {"certificate signature failure"}),  // the wrong CA's reason
            RefusedCa("garbage.pem", {"PEM certificates"}),  // what an unloadable CA file must hold
            {.name = "with vers-local's own CA the plan succeeds",
             .files = {{"main.tf", VersTf("{{CA}}")}},
             .command = Command::kPlan},
            // The VergeIO client shares the HTTP client: the CA of another vergeio-local.
            {.name = "vergeio: the apply fails",
             .files = {{"main.tf", kVergeioTf}},
             .env = {{"TF_LOG_PROVIDER", "debug"}, {"TF_LOG_PATH", "vio.tflog"}},
             .expect_error = "Error",
             .expect_output = {"ca_cert_file \"{{WORK}}/other-vio-ca.pem\"", "this is not retried"},
             .checks = {That(
                            "exit code 1",
                            [](Context& c) { return Same(std::to_string(c.last.exit_code), "1"); }),
                        OneAttempt("vio.tflog")}}},
       .destroy = false});
}

}  // namespace vers::acceptance
