// Running something on a VM that may be paused: a VM a commit left paused
// (`keep_paused = true`) cannot answer SSH, so vers_provision's
// destroy_commands would wait out the whole delete timeout on it.
#pragma once

#include <functional>
#include <string>

#include "base/status.h"
#include "client/vers_client.h"
#include "plugin/provider_context.h"
#include "resources/framework.h"

namespace vers::resources {

// Runs `body` while VM `vm_id` runs. A paused VM is resumed first (PATCH
// state Running, then waiting for `running`) and paused again after `body`
// whatever `body` did, so that its pause state stays what the configuration
// made it (vers_vm's `paused`, a commit's `keep_paused`). kNotFound, before
// `body`, when the VM is gone or dead (nothing can run there); an error when
// it cannot be resumed, or (after `body`) paused again.
Status WithVmRunning(client::VersClient& api, const ProviderContext& ctx, const std::string& vm_id,
                     client::Deadline deadline, const std::function<void()>& body);

}  // namespace vers::resources
