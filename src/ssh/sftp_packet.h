// The SFTP v3 wire vocabulary SftpWriter speaks: packet types, flags, and
// the big-endian encoding of fields (draft-ietf-secsh-filexfer-02).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace vers::ssh::sftp {

// SFTP v3 (draft-ietf-secsh-filexfer-02): packet types, open flags, attribute
// flags and status codes used here.
constexpr uint8_t kInit = 1, kVersion = 2, kOpen = 3, kClose = 4, kWrite = 6, kFstat = 8;
constexpr uint8_t kFsetstat = 10, kRemove = 13, kRealpath = 16, kStat = 17, kExtended = 200;
constexpr uint8_t kStatus = 101, kHandle = 102, kName = 104, kAttrs = 105;
constexpr uint32_t kOpenWrite = 0x02, kOpenCreate = 0x08, kOpenTruncate = 0x10,
                   kOpenExclusive = 0x20;
// Attribute flags (ATTRS) and the status codes awaited.
constexpr uint32_t kAttrSize = 0x01, kAttrUidGid = 0x02, kAttrPermissions = 0x04;
constexpr uint32_t kOk = 0, kNoSuchFile = 2;
// st_mode's file type bits, as OpenSSH sends them in permissions.
constexpr uint32_t kTypeMask = 0170000, kTypeDirectory = 0040000;
// No reply we await comes near this; a larger length means the stream is not SFTP.
constexpr uint32_t kMaxReply = 256 * 1024;

// A packet to fill: room for its length (set by Send) and its type.
inline std::string& NewPacket(std::string& p, uint8_t type) {
  p.assign(4, '\0');
  p += static_cast<char>(type);
  return p;
}
// Appends `v` in SFTP's big-endian encoding; so do PutU64 and PutString.
inline void PutU32(std::string& s, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) s += static_cast<char>((v >> shift) & 0xff);
}
// A uint64, high half first.
inline void PutU64(std::string& s, uint64_t v) {
  PutU32(s, static_cast<uint32_t>(v >> 32));
  PutU32(s, static_cast<uint32_t>(v));
}
// A string: its uint32 length, then its bytes.
inline void PutString(std::string& s, std::string_view v) {
  PutU32(s, static_cast<uint32_t>(v.size()));
  s.append(v);
}

// Reads big-endian fields from a received packet, failing softly at its end.
class Reader {
 public:
  // Reads from `data`, which must outlive the reader. Each method reads one
  // field into `v` and advances; false (nothing consumed) when the packet
  // ends first.
  explicit Reader(std::string_view data) : data_(data) {}
  bool U32(uint32_t& v) {
    if (data_.size() < 4) return false;
    v = 0;
    for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(data_[i]);
    data_.remove_prefix(4);
    return true;
  }
  // Two U32s: high word first.
  bool U64(uint64_t& v) {
    uint32_t high = 0, low = 0;
    if (!U32(high) || !U32(low)) return false;
    v = (uint64_t{high} << 32) | low;
    return true;
  }
  // A uint32 length, then that many bytes.
  bool String(std::string& v) {
    uint32_t n = 0;
    if (!U32(n) || data_.size() < n) return false;
    v.assign(data_.substr(0, n));
    data_.remove_prefix(n);
    return true;
  }

 private:
  std::string_view data_;
};

}  // namespace vers::ssh::sftp
