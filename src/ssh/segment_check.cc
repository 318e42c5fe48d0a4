#include "ssh/segment_check.h"

#include <algorithm>

#include "ssh/channel.h"
#include "ssh/session.h"

namespace vers::ssh {

namespace {

constexpr uint64_t kBlock = 1 << 20;  // dd's block size: ranges are whole blocks
constexpr size_t kMaxOpen = 3;        // range commands running at once

}  // namespace

struct SegmentCheck::Range {
  UniqueChannel channel;
  uint64_t begin = 0, end = 0;
};

SegmentCheck::SegmentCheck(ssh_session session, std::string remote_path, Clock::time_point deadline,
                           uint64_t segment_bytes)
    : session_(session),
      remote_path_(std::move(remote_path)),
      deadline_(deadline),
      segment_bytes_(std::max(kBlock, segment_bytes / kBlock * kBlock)),
      current_(std::make_unique<Sha256>()) {}

SegmentCheck::~SegmentCheck() = default;

void SegmentCheck::Add(const char* data, size_t n) {
  while (n > 0) {
    size_t take =
        static_cast<size_t>(std::min<uint64_t>(n, segment_bytes_ - read_ % segment_bytes_));
    current_->Update(data, take);
    read_ += take;
    data += take;
    n -= take;
    if (read_ % segment_bytes_ == 0) {
      local_sums_.push_back(current_->HexDigest());
      current_ = std::make_unique<Sha256>();
    }
  }
}

void SegmentCheck::Confirmed(uint64_t bytes) { StartRanges(bytes / segment_bytes_, bytes); }

void SegmentCheck::StartRanges(size_t count, uint64_t total) {
  while (failure_.ok() && !no_tool_ && ranges_.size() < count) {
    // sshd allows 10 sessions per connection (MaxSessions) and uploads use
    // two: the oldest range, long since hashed, is collected first.
    if (ranges_.size() - collected_ >= kMaxOpen) {
      Collect();
      continue;
    }
    auto range = std::make_unique<Range>();
    range->begin = ranges_.size() * segment_bytes_;
    range->end = std::min(total, range->begin + segment_bytes_);
    range->channel.reset(ssh_channel_new(session_));
    const uint64_t blocks = (range->end - range->begin + kBlock - 1) / kBlock;
    const std::string command =
        "command -v dd >/dev/null 2>&1 || exit 127; dd if=" + ShellQuote(remote_path_) +
        " bs=" + std::to_string(kBlock) + " skip=" + std::to_string(range->begin / kBlock) +
        " count=" + std::to_string(blocks) +
        // Without openssl the shell fails before reading, so sha256sum gets
        // all of dd's output; with neither, exit 127.
        " 2>/dev/null | { openssl dgst -sha256 -r 2>/dev/null || sha256sum; }";
    if (!range->channel || ssh_channel_open_session(range->channel.get()) != SSH_OK ||
        ssh_channel_request_exec(range->channel.get(), command.c_str()) != SSH_OK) {
      failure_ = Status::Error("cannot start checking " + remote_path_ +
                               " on the VM: " + ssh_get_error(session_));
      return;
    }
    ranges_.push_back(std::move(range));
  }
}

void SegmentCheck::Collect() {
  Range& range = *ranges_[collected_];
  const size_t index = collected_++;
  ssh_channel ch = range.channel.get();
  std::string out;
  char buf[256];
  while (true) {
    int n = ssh_channel_read_timeout(ch, buf, sizeof buf, 0, 100);
    if (n == SSH_ERROR) {
      failure_ = Status::Error("the connection was lost while checking " + remote_path_);
      return;
    }
    if (n > 0 && out.size() < 4096) out.append(buf, static_cast<size_t>(n));
    if (n <= 0 && ssh_channel_is_eof(ch)) break;
    if (Clock::now() >= deadline_) {
      failure_ = Status::Timeout("checking " + remote_path_ + " on the VM took too long");
      return;
    }
  }
  int status = ssh_channel_get_exit_status(ch);
  range.channel.reset();
  if (status == 127) {  // no dd, or neither openssl nor sha256sum: the size check stands alone
    no_tool_ = true;
    return;
  }
  std::string where =
      "bytes " + std::to_string(range.begin) + "-" + std::to_string(range.end) + " of ";
  if (status != 0) {
    failure_ = Status::Error("hashing " + where + remote_path_ + " on the VM failed (exit status " +
                             std::to_string(status) + ")");
  } else if (std::string remote = out.substr(0, 64); remote != local_sums_[index]) {
    failure_ =
        Status::Error(remote_path_ + " on the VM differs from what was sent in " + where +
                      "the file: SHA-256 " + remote + ", but " + local_sums_[index] + " was sent");
  }
}

Result<SegmentCheck::Outcome> SegmentCheck::Finish(uint64_t total) {
  Outcome outcome;
  if (total < segment_bytes_) {
    outcome.whole_sha256 = current_->HexDigest();
    return outcome;
  }
  if (read_ % segment_bytes_ != 0) local_sums_.push_back(current_->HexDigest());
  StartRanges(local_sums_.size(), total);
  while (failure_.ok() && !no_tool_ && collected_ < ranges_.size()) Collect();
  if (!failure_.ok()) return failure_;
  if (!no_tool_) outcome.ranges_checked = static_cast<int>(ranges_.size());
  return outcome;
}

}  // namespace vers::ssh
