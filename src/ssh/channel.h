// Owning handle for a libssh channel: closed and freed when it goes away.
// A channel must not outlive the session it was opened on.
#pragma once

#include <libssh/libssh.h>

#include <memory>

namespace vers::ssh {

// Closes, then frees, a channel (both tolerate a channel the peer closed).
struct ChannelFree {
  void operator()(ssh_channel c) const {
    ssh_channel_close(c);
    ssh_channel_free(c);
  }
};
// The owning handle; see above for its lifetime.
using UniqueChannel = std::unique_ptr<ssh_channel_struct, ChannelFree>;

}  // namespace vers::ssh
