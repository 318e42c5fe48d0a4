// The SSH side of SftpWriter: a channel of its own running the `sftp`
// subsystem, seen as an SftpTransport.
#pragma once

#include <libssh/libssh.h>

#include <memory>

#include "base/status.h"
#include "ssh/sftp_writer.h"

namespace vers::ssh {

// Opens a session channel on `session` and starts the `sftp` subsystem on
// it. The transport owns the channel and must be destroyed before `session`.
Result<std::unique_ptr<SftpTransport>> OpenSftpChannel(ssh_session session);

}  // namespace vers::ssh
