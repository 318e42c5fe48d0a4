#include "ssh/sftp_channel.h"

#include <algorithm>

#include "ssh/channel.h"

namespace vers::ssh {

namespace {

class ChannelTransport : public SftpTransport {
 public:
  ChannelTransport(ssh_session session, ssh_channel channel)
      : session_(session), channel_(channel) {}

  Status Send(std::string_view data) override {
    // Blocking: libssh waits for the peer's window and keeps reading
    // incoming packets meanwhile, so replies cannot wedge the stream.
    if (ssh_channel_write(channel_.get(), data.data(), static_cast<uint32_t>(data.size())) !=
        static_cast<int>(data.size()))
      return Status::Error("the connection was lost: " + std::string(ssh_get_error(session_)));
    return Status::Ok();
  }

  Result<size_t> Receive(char* buf, size_t size, std::chrono::milliseconds wait) override {
    int available = ssh_channel_poll_timeout(channel_.get(), static_cast<int>(wait.count()), 0);
    if (available == SSH_EOF) return Status::Error("the VM closed the SFTP channel");
    if (available == SSH_ERROR)
      return Status::Error("the connection was lost: " + std::string(ssh_get_error(session_)));
    if (available <= 0) return size_t{0};
    int n = ssh_channel_read_nonblocking(
        channel_.get(), buf, static_cast<uint32_t>(std::min(size, static_cast<size_t>(available))),
        0);
    if (n == SSH_ERROR)
      return Status::Error("the connection was lost: " + std::string(ssh_get_error(session_)));
    return static_cast<size_t>(std::max(n, 0));
  }

 private:
  ssh_session session_;
  UniqueChannel channel_;
};

}  // namespace

Result<std::unique_ptr<SftpTransport>> OpenSftpChannel(ssh_session session) {
  ssh_channel channel = ssh_channel_new(session);
  if (channel == nullptr) return Status::Error("cannot open an SFTP channel: out of memory");
  auto transport = std::make_unique<ChannelTransport>(session, channel);
  if (ssh_channel_open_session(channel) != SSH_OK ||
      ssh_channel_request_subsystem(channel, "sftp") != SSH_OK)
    return Status::Error("cannot start SFTP on the VM: " + std::string(ssh_get_error(session)));
  return std::unique_ptr<SftpTransport>(std::move(transport));
}

}  // namespace vers::ssh
