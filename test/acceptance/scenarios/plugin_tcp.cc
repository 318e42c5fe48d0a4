// go-plugin's TCP transport, the one Windows uses: go-plugin's servers listen
// on 127.0.0.1 at the first free port of PLUGIN_MIN_PORT..PLUGIN_MAX_PORT
// (which its client sets) and say "tcp" in the handshake line
// (hashicorp/go-plugin server.go, serverListener_tcp; client.go accepts "tcp"
// on every OS). VERS_PLUGIN_NETWORK=tcp selects it here, on Linux, so the
// real CLI does the handshake, a plan and an apply over TCP.
#include <catch2/catch.hpp>

#include "checks.h"
#include "file_checks.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
data "vers_endpoint" "current" {}
output "vm_domain" { value = data.vers_endpoint.current.vm_domain }
)";

}  // namespace

TEST_CASE("plugin_tcp") {
  Run("plugin_tcp",
      {.steps = {{.name = "apply over TCP",
                  .files = {{"main.tf", kMainTf}},
                  // TF_LOG_PATH is relative to the CLI's directory, the step's.
                  .env = {{"VERS_PLUGIN_NETWORK", "tcp"},
                          {"TF_LOG", "debug"},
                          {"TF_LOG_PATH", "tcp.log"}},
                  .expect_output = {R"(vm_domain = "vm.vers.sh")"},
                  // The provider listened on TCP alone (the client does not log the
                  // address it dials), so the apply above went over it.
                  .checks = {FileLineHas("tcp.log",
                                         {"plugin serving", "network=tcp", "address=127.0.0.1:"}),
                             // In the client's port range (go-plugin: 10000-25000).
                             FileMatches("tcp.log", R"(plugin serving.*address=127\.0\.0\.1:)"
                                                    R"((1[0-9]{4}|2[0-4][0-9]{3}|25000)( |$))")}},
                 {.name = "without it the provider keeps its unix socket",
                  .env = {{"TF_LOG", "debug"}, {"TF_LOG_PATH", "unix.log"}},
                  .checks = {FileLineHas("unix.log", {"plugin serving", "network=unix"})}}}});
}

}  // namespace vers::acceptance
