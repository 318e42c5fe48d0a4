// The vergeio scenario's configuration (the bash test's write_config).
#pragma once

#include <string>

namespace vers::acceptance {

// Snapshots, settings and metadata of web-1 and of VMs named with a quote
// and with braces. BUILD is the metadata's build value; EXTRA_SETTINGS go
// into the provider's vergeio block; ADVANCED is the settings' advanced
// text (HCL-escaped); EXTRA_TF is appended.
std::string VergeioConfig(const std::string& build, const std::string& extra_settings = "",
                          const std::string& advanced = R"(machine_type=q35\ncpu.flags=+aes\n)",
                          const std::string& extra_tf = "");

// Resources whose POST answers a fault loses.
inline constexpr char kLostSnapshotTf[] = R"(resource "vers_vergeio_vm_snapshot" "lost" {
  vm   = "web-1"
  name = "lost's answer"
}
resource "vers_vergeio_vm_metadata" "lost" {
  vm           = "other"
  tag_category = "lost-answers"
  metadata     = { extra = "1" }
}
)";

}  // namespace vers::acceptance
