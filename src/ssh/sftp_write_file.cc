// SftpWriter::WriteFile: one file's open, pipelined writes (up to
// in_flight unconfirmed at a time, drained as the server confirms them), mode
// and close.
#include <algorithm>

#include "ssh/sftp_packet.h"
#include "ssh/sftp_writer.h"

namespace vers::ssh {

using namespace sftp;  // NOLINT: the packet vocabulary

Status SftpWriter::Drain(size_t limit, const std::string& path, Clock::time_point deadline,
                         const std::function<void(uint64_t)>& on_confirmed) {
  while (pending_.size() > limit) {
    Reply reply;
    if (Status s = NextReply(reply, deadline); !s.ok())
      return s.Annotate("writing " + path + " on the VM failed after " + std::to_string(acked_) +
                        " bytes: ");
    auto it = pending_.find(reply.id);
    if (it == pending_.end() || (reply.type != kStatus && reply.type != kAttrs))
      return Status::Error("the SFTP server answered a request that was not sent");
    const Pending sent = it->second;
    pending_.erase(it);
    std::string refusal =
        SftpStatusText(reply.status) + (reply.text.empty() ? "" : " (" + reply.text + ")");
    if (sent.op == Op::kStat) {
      if (reply.type != kAttrs || !reply.has_size)
        return Status::Error("cannot read the size of " + path + " on the VM: " +
                             (reply.type == kAttrs ? "the server did not send it" : refusal));
      size_ = reply.size;
      continue;
    }
    if (reply.type != kStatus)
      return Status::Error("the SFTP server sent attributes for a request that wanted none");
    if (reply.status == kOk) {
      if (sent.op == Op::kWrite) {
        acked_ += sent.bytes;
        if (on_confirmed) on_confirmed(acked_);
      }
      continue;
    }
    switch (sent.op) {
      case Op::kWrite:
        return Status::Error("writing " + path + " on the VM failed after " +
                             std::to_string(acked_) + " bytes: the server answered " + refusal);
      case Op::kSetMode:
        return Status::Error("cannot set the mode of " + path + " on the VM: " + refusal);
      default:
        return Status::Error("closing " + path + " on the VM failed: " + refusal);
    }
  }
  return Status::Ok();
}
Result<uint64_t> SftpWriter::WriteFile(const std::string& path, int mode, const Source& source,
                                       Clock::time_point deadline,
                                       const std::function<void(uint64_t)>& on_confirmed,
                                       bool create_new) {
  if (broken_) return Status::Error("the SFTP stream was left unusable by an earlier error");
  std::string open;
  PutU32(NewPacket(open, kOpen), next_id_);
  PutString(open, path);
  PutU32(open, kOpenWrite | kOpenCreate | (create_new ? kOpenExclusive : kOpenTruncate));
  PutU32(open, kAttrPermissions);
  PutU32(open, static_cast<uint32_t>(mode));
  Reply reply;
  const uint32_t open_id = next_id_++;
  if (Status s = Send(open); !s.ok()) return Fail(s);
  if (Status s = NextReply(reply, deadline); !s.ok()) return Fail(s);
  if (reply.id != open_id || (reply.type != kHandle && reply.type != kStatus))
    return Fail(Status::Error("the SFTP server answered a request that was not sent"));
  if (reply.type == kStatus)  // the stream stays in step: the writer remains usable
    return Status::Error("cannot open " + path + " on the VM: " + SftpStatusText(reply.status) +
                         (reply.text.empty() ? "" : " (" + reply.text + ")"));
  const std::string handle = reply.text;

  acked_ = 0;
  size_ = 0;
  uint64_t offset = 0;
  std::string packet, header;
  auto lost = [&](const Status& s) {
    return Fail(s.Annotate("writing " + path + " on the VM failed after " + std::to_string(acked_) +
                           " bytes: "));
  };
  // The source fills each WRITE packet in place, behind room for its header
  // (whose size is fixed by the handle's): no copy of the data on our side.
  const size_t header_size = 4 + 1 + 4 + 4 + handle.size() + 8 + 4;
  while (true) {
    packet.resize(header_size + options_.chunk);
    long n = source(packet.data() + header_size, options_.chunk);
    if (n < 0) return Fail(Status::Error("reading the source of " + path + " failed"));
    if (n == 0) break;
    packet.resize(header_size + static_cast<size_t>(n));
    Request(header, kWrite, handle, {Op::kWrite, static_cast<uint64_t>(n)});
    PutU64(header, offset);
    PutU32(header, static_cast<uint32_t>(n));
    packet.replace(0, header_size, header);
    if (Status s = Send(packet); !s.ok()) return lost(s);
    offset += static_cast<uint64_t>(n);
    if (Status s = Drain(options_.in_flight - 1, path, deadline, on_confirmed); !s.ok())
      return Fail(s);
  }
  // Requests on one handle are handled in order, so the mode (exact, where
  // OPEN's is cut by the umask), the size check and the close follow the
  // last writes at once: one round trip for all.
  Request(packet, kFsetstat, handle, {Op::kSetMode, 0});
  PutU32(packet, kAttrPermissions);
  PutU32(packet, static_cast<uint32_t>(mode));
  if (Status s = Send(packet); !s.ok()) return lost(s);
  Request(packet, kFstat, handle, {Op::kStat, 0});
  if (Status s = Send(packet); !s.ok()) return lost(s);
  Request(packet, kClose, handle, {Op::kClose, 0});
  if (Status s = Send(packet); !s.ok()) return lost(s);
  if (Status s = Drain(0, path, deadline, on_confirmed); !s.ok()) return Fail(s);
  if (size_ != offset)
    return Status::Error(path + " has " + std::to_string(size_) + " bytes on the VM, " +
                         std::to_string(offset) + " were sent");
  return offset;
}

}  // namespace vers::ssh
