// vers_provision_inputs scenario's configuration: the static inputs
// validate refuses, the sources hashed at plan time, and the uploads that
// must leave their destination as it was.
#pragma once

namespace vers::acceptance {

// Refused by validate already: every resource names a bad input.
constexpr char kStaticTf[] = R"(locals { vm = "00000000-0000-0000-0000-000000000000" }
resource "vers_provision" "zero" {
  vm_id = local.vm
  files = [{ source = "/dev/zero", destination = "/z" }]
}
resource "vers_provision" "fifo" {
  vm_id = local.vm
  files = [{ source = "${path.module}/../fixtures/fifo", destination = "/f" }]
}
resource "vers_provision" "loop" {
  vm_id = local.vm
  files = [{ source = "${path.module}/../fixtures/loop-a", destination = "/l" }]
}
resource "vers_provision" "cycle" {
  vm_id = local.vm
  files = [{ content = "ok", destination = "/ok" }, { source = "${path.module}/../fixtures/cycle", destination = "/c" }]
}
resource "vers_provision" "special_inside" {
  vm_id = local.vm
  files = [{ source = "${path.module}/../fixtures/special", destination = "/s" }]
}
resource "vers_provision" "loop_inside" {
  vm_id = local.vm
  files = [{ source = "${path.module}/../fixtures/selfloop", destination = "/s" }]
}
resource "vers_provision" "injection" {
  vm_id       = local.vm
  environment = { "A=1; touch /opt/injected; B" = "x" }
  commands    = ["true"]
}
resource "vers_provision" "nul" {
  vm_id            = local.vm
  commands         = ["true", "echo ok\u0000; touch /opt/cut"]
  destroy_commands = ["rm -rf /tmp/x\u0000/y"]
  environment      = { GOOD = "a\u0000b" }
  working_dir      = "/opt\u0000/x"
}
resource "vers_provision" "newline" {
  vm_id = local.vm
  files = [{ content = "x", destination = "/etc/x\nother" }]
}
)";

constexpr char kUnreadableTf[] = R"(resource "vers_provision" "unreadable" {
  vm_id = "00000000-0000-0000-0000-000000000000"
  files = [{ source = "/proc/self/mem", destination = "/m" }]
}
)";

constexpr char kHugeTf[] = R"(resource "vers_provision" "huge" {
  vm_id = "00000000-0000-0000-0000-000000000000"
  files = [{ source = "${path.module}/huge.bin", destination = "/huge" }]
}
)";

constexpr char kMainTf[] = R"(resource "vers_vm" "vm" {}
resource "vers_provision" "prep" {
  vm_id    = vers_vm.vm.id
  commands = ["mkdir -p /keep /opt/existing-dir && echo previous >/keep/file && echo b >/keep/blocker"]
}
output "vm_id" { value = vers_vm.vm.id }
)";

// /proc/self/mem stats as a regular file and fails to read: it used to be
// hashed as empty, then its failed upload left /keep/file empty.
constexpr char kMemTf[] = R"(resource "vers_provision" "mem" {
  depends_on = [vers_provision.prep]
  vm_id      = vers_vm.vm.id
  files      = [{ source = "/proc/self/mem", destination = "/keep/file" }]
}
)";

// The second file's directory cannot be made: /keep/blocker is a file.
constexpr char kPartialTf[] = R"(resource "vers_provision" "partial" {
  depends_on = [vers_provision.prep]
  vm_id      = vers_vm.vm.id
  files = [
    { content = "replaced", destination = "/keep/file" },
    { content = "never", destination = "/keep/blocker/below" },
  ]
}
)";

constexpr char kDirTf[] = R"(resource "vers_provision" "dir" {
  depends_on = [vers_provision.prep]
  vm_id      = vers_vm.vm.id
  files      = [{ content = "x", destination = "/opt/existing-dir" }]
}
)";

constexpr char kLegacyTf[] = R"(resource "vers_provision" "legacy" {
  depends_on       = [vers_provision.prep]
  vm_id            = vers_vm.vm.id
  destroy_commands = ["touch /keep/legacy"]
}
)";

}  // namespace vers::acceptance
