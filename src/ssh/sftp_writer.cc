#include "ssh/sftp_writer.h"

#include <algorithm>

#include "ssh/sftp_packet.h"

namespace vers::ssh {

using namespace sftp;  // NOLINT: the packet vocabulary

std::string SftpStatusText(uint32_t code) {
  static const char* const kNames[] = {
      "ok",          "end of file",   "no such file",    "permission denied",    "failure",
      "bad message", "no connection", "connection lost", "operation unsupported"};
  if (code < std::size(kNames)) return kNames[code];
  return "status " + std::to_string(code);
}

Result<std::unique_ptr<SftpWriter>> SftpWriter::Start(std::unique_ptr<SftpTransport> transport,
                                                      SftpWriterOptions options,
                                                      Clock::time_point deadline) {
  std::unique_ptr<SftpWriter> w(new SftpWriter(std::move(transport), options));  // private
  std::string init;
  PutU32(NewPacket(init, kInit), 3);
  if (Status s = w->Send(init); !s.ok()) return s;
  Reply reply;
  if (Status s = w->NextReply(reply, deadline); !s.ok()) return s;
  if (reply.type != kVersion || reply.id < 3)
    return Status::Error("the VM's SFTP server does not speak SFTP version 3");
  w->extensions_.insert(reply.extensions.begin(), reply.extensions.end());
  return w;
}

Status SftpWriter::Send(std::string& packet) {
  const auto len = static_cast<uint32_t>(packet.size() - 4);
  for (int i = 0; i < 4; ++i) packet[i] = static_cast<char>((len >> (24 - 8 * i)) & 0xff);
  return transport_->Send(packet);
}

Status SftpWriter::NextReply(Reply& reply, Clock::time_point deadline, bool heed_stop) {
  char buf[4096];  // replies are small: a STATUS is about 30 bytes
  while (true) {
    if (inbox_.size() >= 4) {
      uint32_t len = 0;
      Reader(inbox_).U32(len);
      if (len == 0 || len > kMaxReply)
        return Status::Error("the SFTP stream is corrupt (packet of " + std::to_string(len) +
                             " bytes)");
      if (inbox_.size() >= 4 + size_t{len}) {
        reply = Reply{};
        reply.type = static_cast<uint8_t>(inbox_[4]);
        Reader r(std::string_view(inbox_).substr(5, len - 1));
        bool ok = r.U32(reply.id);  // for VERSION: the version
        if (ok && reply.type == kStatus) ok = r.U32(reply.status) && (r.String(reply.text) || true);
        if (ok && reply.type == kHandle) ok = r.String(reply.text);
        uint32_t count = 0;  // NAME: the first name is all that is asked for
        if (ok && reply.type == kName) ok = r.U32(count) && count > 0 && r.String(reply.text);
        for (std::string name, data;
             ok && reply.type == kVersion && r.String(name) && r.String(data);)
          reply.extensions.push_back(name);
        uint32_t flags = 0, ignored = 0;  // ATTRS: size, uid and gid, then permissions
        if (ok && reply.type == kAttrs) {
          ok = r.U32(flags);
          reply.has_size = ok && (flags & kAttrSize);
          if (reply.has_size) ok = r.U64(reply.size);
          if (ok && (flags & kAttrUidGid)) ok = r.U32(ignored) && r.U32(ignored);
          reply.has_permissions = ok && (flags & kAttrPermissions);
          if (reply.has_permissions) ok = r.U32(reply.permissions);
        }
        inbox_.erase(0, 4 + size_t{len});
        if (!ok) return Status::Error("the SFTP server sent a malformed reply");
        return Status::Ok();
      }
    }
    if (heed_stop && options_.stop != nullptr && options_.stop->load())
      return Status::Cancelled("cancelled during an SFTP transfer");
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return Status::Timeout("the SFTP server did not answer in time");
    auto got = transport_->Receive(buf, sizeof buf, std::min(left, std::chrono::milliseconds(100)));
    if (!got.ok()) return got.status();
    inbox_.append(buf, got.value());
  }
}

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

Result<uint64_t> SftpWriter::Fail(Status status) {
  broken_ = true;
  return status;
}

// Appends a request on `handle` to `packet` and records it as pending.
void SftpWriter::Request(std::string& packet, uint8_t type, const std::string& handle,
                         Pending what) {
  PutU32(NewPacket(packet, type), next_id_);
  PutString(packet, handle);
  pending_[next_id_++] = what;
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
