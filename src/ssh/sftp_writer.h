// SftpWriter: uploads files over SFTP with many WRITE requests in flight.
//
// Why not libssh's sftp_write: in libssh 0.10 (Debian 12) each sftp_write
// waits for its reply before the next is sent, one round trip per chunk, which
// held uploads through a TLS front to 27-39% of scp. OpenSSH's own clients keep
// many requests in flight; libssh 0.11 offers the same as sftp_aio. Until that
// version is what Debian ships, this class speaks the few SFTP v3 packets an
// upload needs (INIT, OPEN, WRITE, FSETSTAT, FSTAT, CLOSE and their replies) on
// a channel of its own; everything else (mkdir, stat) stays with libssh.
// It also sends path operations in batches (stat, realpath, remove and
// OpenSSH's posix-rename, many requests in flight: one round trip for all),
// with which uploads are published under their final names.
//
// One writer is used by one thread at a time. After any error the stream may
// hold unread replies, so a writer that failed is not used again (broken()).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vers::ssh {

// A byte stream to an SFTP server: an SSH channel running the `sftp`
// subsystem in the provider, a pipe to OpenSSH's sftp-server in tests.
class SftpTransport {
 public:
  virtual ~SftpTransport() = default;
  // Sends all of `data`, blocking while the peer's window is full.
  virtual Status Send(std::string_view data) = 0;
  // Reads what has arrived (at most `size` bytes), waiting up to `wait`:
  // 0 when nothing came in that time, an error at end of stream or on loss.
  virtual Result<size_t> Receive(char* buf, size_t size, std::chrono::milliseconds wait) = 0;
};

// How SftpWriter sends; `stop` is borrowed and may be null.
struct SftpWriterOptions {
  size_t chunk = 128 * 1024;  // bytes per WRITE; OpenSSH accepts messages up to 256 KiB
  // WRITE requests sent before their replies are awaited. 16 x 128 KiB is
  // sshd's channel window (2 MiB): more could not be on the way anyway.
  size_t in_flight = 16;
  const std::atomic<bool>* stop = nullptr;  // StopProvider: give up promptly
};

class SftpWriter {
 public:
  // The clock of deadlines.
  using Clock = std::chrono::steady_clock;
  // Fills `buf` with up to `size` bytes; 0 at the end, -1 on a read error.
  using Source = std::function<long(char* buf, size_t size)>;

  // Starts SFTP (INIT/VERSION) on `transport`; an error if the server does not
  // answer with version 3 or more before `deadline`.
  static Result<std::unique_ptr<SftpWriter>> Start(std::unique_ptr<SftpTransport> transport,
                                                   SftpWriterOptions options,
                                                   Clock::time_point deadline);
  SftpWriter(const SftpWriter&) = delete;
  SftpWriter& operator=(const SftpWriter&) = delete;

  // Creates or truncates `path` (with `create_new`: creates it, an error if
  // anything, a symlink included, is already there), writes what `source`
  // yields to it, sets its mode to exactly `mode` and closes it; the size the
  // server then reports
  // must be what was sent. Returns the number of bytes written. Errors name
  // how far the server confirmed ("failed after N bytes") when the stream
  // is lost or a write refused; kTimeout after `deadline`, kCancelled when
  // stopped.
  // `on_confirmed`, when set, learns how many bytes the server has written
  // so far each time that grows.
  Result<uint64_t> WriteFile(const std::string& path, int mode, const Source& source,
                             Clock::time_point deadline,
                             const std::function<void(uint64_t)>& on_confirmed = nullptr,
                             bool create_new = false);

  // A path operation of a batch.
  enum class PathOp {
    kStat,      // the path's type, symlinks followed
    kRealPath,  // the canonical absolute path, symlinks resolved
    kRemove,    // unlinks a file (not a directory)
    kRename,    // renames `path` to `to`, replacing what is there (rename(2))
  };
  // One operation of a batch, on `path`.
  struct PathRequest {
    PathOp op;
    std::string path;
    std::string to;  // kRename
  };
  // What the server answered to one request.
  struct PathReply {
    uint32_t status = 0;        // the SFTP status: 0 ok, 2 no such file, 3 permission denied...
    std::string error;          // when not ok: what went wrong, for messages
    bool is_directory = false;  // kStat
    std::string resolved;       // kRealPath
  };
  // Sends every request (keeping many in flight) and returns their replies
  // in order. A request the server refuses is a reply with its status; an
  // error only when the stream fails (the writer is then broken()), at
  // `deadline`, or on a stop when `heed_stop` (cleanups pass false, so as to
  // run after a Ctrl-C). kRename needs supports_posix_rename().
  Result<std::vector<PathReply>> Paths(const std::vector<PathRequest>& requests,
                                       Clock::time_point deadline, bool heed_stop = true);
  // Whether the server offers posix-rename@openssh.com (OpenSSH's since 4.9).
  bool supports_posix_rename() const { return extensions_.count("posix-rename@openssh.com") > 0; }

  // True once a call failed mid-stream (stream lost, write refused, source
  // unreadable, deadline, stop), leaving requests unanswered: every later
  // call fails.
  bool broken() const { return broken_; }

 private:
  SftpWriter(std::unique_ptr<SftpTransport> transport, SftpWriterOptions options)
      : transport_(std::move(transport)), options_(options) {}

  struct Reply {
    uint8_t type = 0;
    uint32_t id = 0;        // VERSION: the version
    uint32_t status = 0;    // STATUS: the code
    std::string text;       // STATUS: the message; HANDLE: the handle; NAME: the first name
    bool has_size = false;  // ATTRS: the file's size, when sent
    uint64_t size = 0;
    bool has_permissions = false;  // ATTRS: st_mode (type and permission bits), when sent
    uint32_t permissions = 0;
    std::vector<std::string> extensions;  // VERSION: the extensions' names
  };
  enum class Op { kWrite, kSetMode, kStat, kClose };
  struct Pending {
    Op op;
    uint64_t bytes;  // kWrite: how many
  };
  // Starts `packet` as a request of `type` on `handle`, recorded as pending.
  void Request(std::string& packet, uint8_t type, const std::string& handle, Pending what);
  // Sends a packet made with NewPacket, after setting its length.
  Status Send(std::string& packet);
  // Waits for the next whole packet; parses it into `reply`. A stop ends the
  // wait unless `heed_stop` is false.
  Status NextReply(Reply& reply, Clock::time_point deadline, bool heed_stop = true);
  // Awaits replies until at most `limit` requests are outstanding; errors
  // say which request failed and how.
  Status Drain(size_t limit, const std::string& path, Clock::time_point deadline,
               const std::function<void(uint64_t)>& on_confirmed);
  Result<uint64_t> Fail(Status status);

  std::unique_ptr<SftpTransport> transport_;
  SftpWriterOptions options_;
  std::string inbox_;                    // received bytes not yet parsed
  std::map<uint32_t, Pending> pending_;  // by request id
  uint32_t next_id_ = 1;
  uint64_t acked_ = 0;                // bytes the server confirmed for the current file
  uint64_t size_ = 0;                 // the current file's size as the server reports it
  std::set<std::string> extensions_;  // offered by the server in VERSION
  bool broken_ = false;
};

// What a STATUS code means, for diagnostics ("permission denied", ...).
std::string SftpStatusText(uint32_t code);

}  // namespace vers::ssh
