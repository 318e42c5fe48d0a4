#include "ssh/segment_check.h"

#include <openssl/evp.h>

#include <algorithm>

#include "ssh/session.h"

namespace vers::ssh {

namespace {

constexpr uint64_t kBlock = 1 << 20;  // dd's block size: ranges are whole blocks

struct ChannelFree {
  void operator()(ssh_channel c) const {
    ssh_channel_close(c);
    ssh_channel_free(c);
  }
};

std::string Hex(const unsigned char* d, unsigned n) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  for (unsigned i = 0; i < n; ++i) {
    s += kDigits[d[i] >> 4];
    s += kDigits[d[i] & 15];
  }
  return s;
}

}  // namespace

struct SegmentCheck::Digest {
  struct Free {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  Digest() : md(EVP_MD_CTX_new()) { EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr); }
  std::string Final() {
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    EVP_DigestFinal_ex(md.get(), d, &len);
    return Hex(d, len);
  }
  std::unique_ptr<EVP_MD_CTX, Free> md;
};

struct SegmentCheck::Range {
  std::unique_ptr<ssh_channel_struct, ChannelFree> channel;
  uint64_t begin = 0, end = 0;
};

SegmentCheck::SegmentCheck(ssh_session session, std::string remote_path, uint64_t segment_bytes)
    : session_(session),
      remote_path_(std::move(remote_path)),
      segment_bytes_(std::max(kBlock, segment_bytes / kBlock * kBlock)),
      current_(std::make_unique<Digest>()) {}

SegmentCheck::~SegmentCheck() = default;

void SegmentCheck::Add(const char* data, size_t n) {
  while (n > 0) {
    size_t take =
        static_cast<size_t>(std::min<uint64_t>(n, segment_bytes_ - read_ % segment_bytes_));
    EVP_DigestUpdate(current_->md.get(), data, take);
    read_ += take;
    data += take;
    n -= take;
    if (read_ % segment_bytes_ == 0) {
      local_sums_.push_back(current_->Final());
      current_ = std::make_unique<Digest>();
    }
  }
}

void SegmentCheck::Confirmed(uint64_t bytes) {
  while (start_error_.ok() && ranges_.size() < bytes / segment_bytes_) {
    uint64_t begin = ranges_.size() * segment_bytes_;
    start_error_ = StartRange(ranges_.size(), begin + segment_bytes_);
  }
}

Status SegmentCheck::StartRange(size_t index, uint64_t end) {
  auto range = std::make_unique<Range>();
  range->begin = index * segment_bytes_;
  range->end = end;
  range->channel.reset(ssh_channel_new(session_));
  const uint64_t blocks = (end - range->begin + kBlock - 1) / kBlock;
  const std::string command =
      "command -v dd >/dev/null 2>&1 || exit 127; dd if=" + ShellQuote(remote_path_) +
      " bs=" + std::to_string(kBlock) + " skip=" + std::to_string(range->begin / kBlock) +
      " count=" + std::to_string(blocks) +
      // Without openssl the shell fails before reading, so sha256sum gets
      // all of dd's output; with neither, exit 127.
      " 2>/dev/null | { openssl dgst -sha256 -r 2>/dev/null || sha256sum; }";
  if (!range->channel || ssh_channel_open_session(range->channel.get()) != SSH_OK ||
      ssh_channel_request_exec(range->channel.get(), command.c_str()) != SSH_OK)
    return Status::Error("cannot start checking " + remote_path_ +
                         " on the VM: " + ssh_get_error(session_));
  ranges_.push_back(std::move(range));
  return Status::Ok();
}

Result<SegmentCheck::Outcome> SegmentCheck::Finish(uint64_t total, Clock::time_point deadline) {
  Outcome outcome;
  if (total < segment_bytes_) {
    outcome.whole_sha256 = current_->Final();
    return outcome;
  }
  if (read_ % segment_bytes_ != 0) local_sums_.push_back(current_->Final());
  while (start_error_.ok() && ranges_.size() < local_sums_.size()) {
    uint64_t begin = ranges_.size() * segment_bytes_;
    start_error_ = StartRange(ranges_.size(), std::min(total, begin + segment_bytes_));
  }
  if (!start_error_.ok()) return start_error_;
  char buf[256];
  for (size_t i = 0; i < ranges_.size(); ++i) {
    ssh_channel ch = ranges_[i]->channel.get();
    std::string out;
    while (true) {
      int n = ssh_channel_read_timeout(ch, buf, sizeof buf, 0, 100);
      if (n == SSH_ERROR)
        return Status::Error("the connection was lost while checking " + remote_path_);
      if (n > 0 && out.size() < 4096) out.append(buf, static_cast<size_t>(n));
      if (n <= 0 && ssh_channel_is_eof(ch)) break;
      if (Clock::now() >= deadline)
        return Status::Timeout("checking " + remote_path_ + " on the VM took too long");
    }
    int status = ssh_channel_get_exit_status(ch);
    if (status == 127) return Outcome{};  // no tool on the VM: the size check stands alone
    const uint64_t begin = ranges_[i]->begin, end = ranges_[i]->end;
    std::string range = "bytes " + std::to_string(begin) + "-" + std::to_string(end);
    if (status != 0)
      return Status::Error("hashing " + range + " of " + remote_path_ +
                           " on the VM failed (exit status " + std::to_string(status) + ")");
    std::string remote = out.substr(0, 64);
    if (remote != local_sums_[i])
      return Status::Error(remote_path_ + " on the VM differs from what was sent in " + range +
                           ": SHA-256 " + remote + ", but " + local_sums_[i] + " was sent");
  }
  outcome.ranges_checked = static_cast<int>(ranges_.size());
  return outcome;
}

}  // namespace vers::ssh
