// SftpWriter's batched path operations: every request is sent before the
// replies are awaited (up to kWindow at a time), so a batch costs one round
// trip however many paths it holds.
#include <map>

#include "ssh/sftp_packet.h"
#include "ssh/sftp_writer.h"

namespace vers::ssh {

using namespace sftp;  // NOLINT: the packet vocabulary

namespace {

// Requests awaiting their replies at once; each is small, so this stays far
// below the channel's window in both directions.
constexpr size_t kWindow = 64;

}  // namespace

Result<std::vector<SftpWriter::PathReply>> SftpWriter::Paths(
    const std::vector<PathRequest>& requests, Clock::time_point deadline, bool heed_stop) {
  if (broken_) return Status::Error("the SFTP stream was left unusable by an earlier error");
  std::vector<PathReply> replies(requests.size());
  std::map<uint32_t, size_t> waiting;  // request id -> index in requests
  size_t next = 0;
  std::string packet;
  while (next < requests.size() || !waiting.empty()) {
    for (; next < requests.size() && waiting.size() < kWindow; ++next) {
      const PathRequest& r = requests[next];
      switch (r.op) {
        case PathOp::kStat:
          NewPacket(packet, kStat);
          break;
        case PathOp::kRealPath:
          NewPacket(packet, kRealpath);
          break;
        case PathOp::kRemove:
          NewPacket(packet, kRemove);
          break;
        case PathOp::kRename:
          NewPacket(packet, kExtended);
          break;
      }
      PutU32(packet, next_id_);
      if (r.op == PathOp::kRename) PutString(packet, "posix-rename@openssh.com");
      PutString(packet, r.path);
      if (r.op == PathOp::kRename) PutString(packet, r.to);
      waiting[next_id_++] = next;
      if (Status s = Send(packet); !s.ok()) return Fail(s).status();
    }
    Reply reply;
    if (Status s = NextReply(reply, deadline, heed_stop); !s.ok()) return Fail(s).status();
    auto it = waiting.find(reply.id);
    if (it == waiting.end())
      return Fail(Status::Error("the SFTP server answered a request that was not sent")).status();
    const PathRequest& request = requests[it->second];
    PathReply& out = replies[it->second];
    waiting.erase(it);
    if (reply.type == kStatus) {
      out.status = reply.status;
      if (reply.status != kOk)
        out.error =
            SftpStatusText(reply.status) + (reply.text.empty() ? "" : " (" + reply.text + ")");
    } else if (request.op == PathOp::kStat && reply.type == kAttrs) {
      out.is_directory = reply.has_permissions && (reply.permissions & kTypeMask) == kTypeDirectory;
    } else if (request.op == PathOp::kRealPath && reply.type == kName) {
      out.resolved = reply.text;
    } else {
      return Fail(Status::Error("the SFTP server sent an unexpected reply (type " +
                                std::to_string(reply.type) + ")"))
          .status();
    }
  }
  return replies;
}

}  // namespace vers::ssh
