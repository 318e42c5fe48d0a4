// SegmentCheck: verifies a large upload on the VM while it is still being
// sent. Each fixed-size range of the file, once the SFTP server has confirmed
// writing it, is hashed by a command on the VM that runs alongside the
// transfer; when the transfer ends only the last range is left to hash.
//
// Hashing a whole 256 MiB file after its upload took the VM about 0.25 s, a
// fifth of the upload itself; range by range that cost hides behind the
// transfer. The SHA-256 of every range matching is as strong a check as the
// whole file's. The local side hashes each byte once either way.
//
// Used by one thread, together with the SFTP writer of the same session.
#pragma once

#include <libssh/libssh.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "ssh/sha256.h"

namespace vers::ssh {

class SegmentCheck {
 public:
  // The clock of deadlines, and the default range size (64 MiB).
  using Clock = std::chrono::steady_clock;
  static constexpr uint64_t kSegmentBytes = 64ull << 20;

  // Commands on the VM give up at `deadline`.
  SegmentCheck(ssh_session session, std::string remote_path, Clock::time_point deadline,
               uint64_t segment_bytes = kSegmentBytes);
  // Closes the channels of range commands not yet collected; their results
  // are dropped (call Finish to have them).
  ~SegmentCheck();
  SegmentCheck(const SegmentCheck&) = delete;
  SegmentCheck& operator=(const SegmentCheck&) = delete;

  // The file's bytes, in order, as they are read for sending.
  void Add(const char* data, size_t n);
  // The server has written the first `bytes` bytes: ranges complete by then
  // start hashing on the VM (a few at a time). Failures surface in Finish.
  void Confirmed(uint64_t bytes);
  // What Finish found.
  struct Outcome {
    // Files smaller than one range: the SHA-256 of what was sent, left for
    // the caller to compare (SshSession::VerifySha256 batches those).
    std::string whole_sha256;
    // Larger files: how many ranges matched on the VM; 0 when the VM has
    // neither openssl nor sha256sum, or no dd (the size check stands alone).
    int ranges_checked = 0;
  };
  // After all `total` bytes were written: hashes the last range and compares
  // every range's SHA-256. An error names the first range that differs or the
  // command that failed.
  Result<Outcome> Finish(uint64_t total);

 private:
  struct Range;
  // Starts range commands until `count` ranges are started, `total` bytes long
  // in all; collects the oldest first when too many are open.
  void StartRanges(size_t count, uint64_t total);
  // Waits for the oldest uncollected range and compares its SHA-256.
  void Collect();

  ssh_session session_;
  const std::string remote_path_;
  const Clock::time_point deadline_;
  const uint64_t segment_bytes_;
  std::vector<std::unique_ptr<Range>> ranges_;  // started on the VM, in order
  size_t collected_ = 0;                        // ranges_ compared so far
  std::vector<std::string> local_sums_;         // of the ranges read so far
  std::unique_ptr<Sha256> current_;             // of the range being read
  uint64_t read_ = 0;
  Status failure_;        // the first mismatch or failed command
  bool no_tool_ = false;  // the VM cannot hash ranges
};

}  // namespace vers::ssh
