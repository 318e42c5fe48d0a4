// vers_provision's files: uploaded, verified on the VM and only then put in
// place, all or (on any failure) none of them left as temporaries.
#pragma once

#include <cstdint>
#include <optional>

#include "client/vers_client.h"
#include "plugin/diagnostics.h"
#include "resources/framework.h"
#include "resources/provision_inputs.h"
#include "ssh/session.h"

namespace vers::resources {

// Uploads every file of `in` over `ssh` under temporary names, checks their
// SHA-256 on the VM, then renames them into place (SshSession::Publish). On
// any failure: an error diagnostic on the files element concerned, every
// temporary removed (a warning names those that could not be), and no
// destination touched unless the renaming itself failed part way. Returns
// the bytes uploaded, nullopt on failure.
std::optional<uint64_t> UploadAll(ssh::SshSession& ssh, const ProvisionInputs& in,
                                  client::Deadline deadline, Diagnostics& diags);

}  // namespace vers::resources
