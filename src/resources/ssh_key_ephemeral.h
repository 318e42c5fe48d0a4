// Ephemeral resource vers_vm_ssh_key: a VM's SSH private key for one run,
// never stored in state or plan (Terraform >= 1.10, OpenTofu >= 1.11). Pair
// it with the provider's `store_ssh_private_key = false` to keep keys out
// of state altogether.
#pragma once

#include "plugin/data_source.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

class VmSshKey final : public WithSchema<EphemeralResource> {
 public:
  VmSshKey();
  void Open(const OpenEphemeralRequest& req, OpenEphemeralResponse& resp) const override;
};

}  // namespace vers::resources
