// Running a shell script inside a VM through its own sshd (the `ssh` client,
// as root, with the VM's key): what vm_exec.h builds on.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "local/vm_exec.h"

namespace vers::local {

// Runs `script` with the VM's login shell, `stdin_data` (if any) on its
// standard input, and hands its output to `on_output` as it comes (from the
// calling thread). Returns the script's exit status (255 when ssh itself
// failed: the VM could not be reached), or an error when ssh could not be
// started at all. The key is written to a private temporary file for the
// duration of the run, never logged.
Result<int> RunInVm(const VmLogin& login, const std::string& script,
                    const std::optional<std::string>& stdin_data,
                    const std::function<void(bool is_stderr, std::string_view bytes)>& on_output);

}  // namespace vers::local
