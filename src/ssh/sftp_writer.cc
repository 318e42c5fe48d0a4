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

}  // namespace vers::ssh
