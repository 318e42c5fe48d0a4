// Keeping VM keys out of state: with store_ssh_private_key = false, no state
// or plan holds a private key, provisioning still works, and the
// vers_vm_ssh_key ephemeral resource hands the key to what needs it.
#include <openssl/evp.h>

#include <catch2/catch.hpp>

#include "checks.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file          = "{{CA}}"
  store_ssh_private_key = false
}

resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}

resource "vers_provision" "setup" {
  vm_id    = vers_vm.base.id
  commands = ["echo provisioned > /root/marker"]
}

ephemeral "vers_vm_ssh_key" "base" {
  vm_id = vers_vm.base.id
}

# A consumer of the ephemeral key: records only its hash and host.
resource "terraform_data" "use_key" {
  input = vers_provision.setup.id
  provisioner "local-exec" {
    command = "printf '%s' \"$KEY\" | sha256sum | cut -c1-64 > key.sha256; echo \"$HOST:$PORT\" > key.host"
    environment = {
      KEY  = ephemeral.vers_vm_ssh_key.base.private_key
      HOST = ephemeral.vers_vm_ssh_key.base.ssh_host
      PORT = ephemeral.vers_vm_ssh_key.base.ssh_port
    }
  }
}

output "vm_id" { value = vers_vm.base.id }
)";

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  std::string hex;
  char byte[3];
  for (unsigned int i = 0; i < size; ++i) {
    std::snprintf(byte, sizeof byte, "%02x", digest[i]);
    hex += byte;
  }
  return hex;
}

std::string VmId(Context& ctx) {
  auto outputs = ctx.workspace.Outputs();
  return outputs.ok() ? outputs.value()["vm_id"] : "";
}

Check KeyIsTheVms() {
  return That("the ephemeral resource gave the VM's key", [](Context& ctx) {
    auto key = ctx.vers->Api("GET", "/vm/" + VmId(ctx) + "/ssh_key");
    if (!key.ok()) return key.status();
    auto pem = Field(key.value(), "/ssh_private_key");
    if (!pem.ok()) return pem.status();
    std::string recorded = ReadFile(ctx.workspace.dir() + "/key.sha256");
    return Same(recorded.substr(0, recorded.find('\n')), Sha256Hex(pem.value()));
  });
}

Check KeyHostIs() {
  // Its host, and the TLS front's port (not ssh_key's ssh_port).
  return That("and its host and the TLS front's port", [](Context& ctx) {
    std::string host = ReadFile(ctx.workspace.dir() + "/key.host");
    return Same(host.substr(0, host.find('\n')),
                VmId(ctx) + "." + ctx.vars["VM_DOMAIN"] + ":" + ctx.vars["SSH_TLS_PORT"]);
  });
}

Check NoKeyInSavedPlan() {
  return That("no private key in the saved plan", [](Context& ctx) {
    Finished plan = ctx.workspace.RunProgram({"unzip", "-p", "plan.bin"});
    if (plan.exit_code != 0) return Status::Error("unzip: " + plan.output);
    return plan.output.find("PRIVATE KEY") == std::string::npos ? Status::Ok()
                                                                : Status::Error("it holds one");
  });
}

}  // namespace

TEST_CASE("vers_ssh_key") {
  Run("vers_ssh_key",
      {.vers_local = true,
       .steps = {{.name = "plan with an ephemeral key",
                  .files = {{"main.tf", kMainTf}},
                  .command = Command::kPlan,
                  .args = {"-out=plan.bin"}},
                 {.name = "apply; provisioning fetched the key itself",
                  .args = {"plan.bin"},
                  .checks = {KeyIsTheVms(), KeyHostIs(),
                             NowhereIn({"terraform.tfstate"}, "PRIVATE KEY"), NoKeyInSavedPlan(),
                             NoAttr("vers_vm.base", "ssh_private_key"),
                             AttrMatches("vers_vm.base", "ssh_port", "[1-9][0-9]*")}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
