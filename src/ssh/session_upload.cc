// SshSession's file transfer: directories with libssh's SFTP, file data with
// SftpWriter (many writes in flight), SHA-256 checks batched into one command.
#include "ssh/local_file.h"
#include "ssh/segment_check.h"
#include "ssh/session.h"
#include "ssh/sftp_channel.h"

namespace vers::ssh {

namespace {

// Paths per hashing command stay well under any VM's ARG_MAX.
constexpr size_t kMaxHashCommand = 64 * 1024;

bool IsSha256Hex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

std::string ParentDir(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return "";
  return path.substr(0, slash);
}

std::string RemoteSha256Command(const std::vector<std::string>& remote_paths) {
  // OpenSSL's digest is about twice as fast as coreutils' sha256sum, which
  // stands in where openssl is not installed. Both print one line per file,
  // in order, starting with the hash (sha256sum puts a \ before it when it
  // escapes the name).
  std::string files;
  for (const auto& p : remote_paths) files += " " + ShellQuote(p);
  return "if command -v openssl >/dev/null 2>&1; then openssl dgst -sha256 -r" + files +
         "; elif command -v sha256sum >/dev/null 2>&1; then sha256sum --" + files +
         "; else exit 127; fi";
}

Status SshSession::OpenSftp() {
  if (sftp_) return Status::Ok();
  sftp_.reset(sftp_new(session_.get()));
  if (!sftp_ || sftp_init(sftp_.get()) != SSH_OK) {
    sftp_.reset();
    return Status::Error("cannot start SFTP on the VM: " + SshError());
  }
  return Status::Ok();
}

Status SshSession::MakeDirs(const std::string& dir) {
  if (Status s = OpenSftp(); !s.ok()) return s;
  // Each directory is looked at once per session: a tree of files in one
  // directory costs no extra round trips.
  if (dir.empty() || dir == "/" || dirs_known_.count(dir) != 0) return Status::Ok();
  sftp_attributes st = sftp_stat(sftp_.get(), dir.c_str());
  if (st != nullptr) {
    bool is_dir = st->type == SSH_FILEXFER_TYPE_DIRECTORY;
    sftp_attributes_free(st);
    if (!is_dir) return Status::Error(dir + " exists on the VM and is not a directory");
  } else {
    if (Status s = MakeDirs(ParentDir(dir)); !s.ok()) return s;
    if (sftp_mkdir(sftp_.get(), dir.c_str(), 0755) != SSH_OK &&
        sftp_get_error(sftp_.get()) != SSH_FX_FILE_ALREADY_EXISTS)
      return Status::Error("cannot create " + dir + " on the VM: " + SshError());
  }
  dirs_known_.insert(dir);
  return Status::Ok();
}

Status SshSession::StartWriter(Clock::time_point deadline, bool heed_stop) {
  if (writer_ && !writer_->broken()) return Status::Ok();
  writer_.reset();
  auto channel = OpenSftpChannel(session_.get());
  if (!channel.ok()) return channel.status();
  SftpWriterOptions options;
  options.stop = heed_stop ? stop_ : nullptr;
  auto writer = SftpWriter::Start(std::move(channel).value(), options, deadline);
  if (!writer.ok()) return writer.status().Annotate("cannot start SFTP on the VM: ");
  writer_ = std::move(writer).value();
  return Status::Ok();
}

Result<UploadResult> SshSession::Upload(const std::function<long(char*, size_t)>& read,
                                        const std::string& destination, int mode,
                                        Clock::time_point deadline) {
  if (Status s = MakeDirs(ParentDir(destination)); !s.ok()) return s;
  if (Status s = StartWriter(deadline); !s.ok()) return s;
  const std::string remote = TemporaryFor(destination);
  unpublished_.insert(remote);  // before the OPEN: its reply may be lost
  SegmentCheck check(session_.get(), remote, deadline);
  auto written = writer_->WriteFile(
      remote, mode,
      [&](char* buf, size_t size) -> long {
        long n = read(buf, size);
        if (n > 0) check.Add(buf, static_cast<size_t>(n));
        return n;
      },
      deadline, [&check](uint64_t confirmed) { check.Confirmed(confirmed); },
      /*create_new=*/true);
  if (!written.ok()) return written.status();
  auto checked = check.Finish(written.value());
  if (!checked.ok()) return checked.status();
  UploadResult r;
  r.destination = destination;
  r.remote_path = remote;
  r.bytes = written.value();
  r.sha256 = std::move(checked.value().whole_sha256);
  r.ranges_checked = checked.value().ranges_checked;
  return r;
}

Result<UploadResult> SshSession::UploadFile(const std::string& local, const std::string& remote,
                                            int mode, Clock::time_point deadline) {
  auto in = LocalFile::OpenRegular(local);
  if (!in.ok()) return in.status();
  Status read_error;
  auto r = Upload(
      [&in, &read_error](char* b, size_t n) -> long {
        auto got = in.value().Read(b, n);
        if (got.ok()) return static_cast<long>(got.value());
        read_error = got.status();
        return -1;
      },
      remote, mode, deadline);
  // The writer only knows that its source failed; the file knows why.
  if (!read_error.ok()) return read_error;
  return r;
}

Result<UploadResult> SshSession::UploadContent(const std::string& content,
                                               const std::string& remote, int mode,
                                               Clock::time_point deadline) {
  size_t pos = 0;
  return Upload(
      [&content, &pos](char* b, size_t n) -> long {
        size_t k = std::min(n, content.size() - pos);
        std::copy_n(content.data() + pos, k, b);
        pos += k;
        return static_cast<long>(k);
      },
      remote, mode, deadline);
}

Status SshSession::VerifySha256(const std::vector<UploadResult>& files, Clock::time_point deadline,
                                size_t* mismatch) {
  for (size_t begin = 0; begin < files.size();) {
    std::vector<std::string> paths;
    size_t length = 0;
    std::vector<size_t> index;  // into files, of each path
    size_t end = begin;
    for (; end < files.size() && (paths.empty() || length < kMaxHashCommand); ++end) {
      if (files[end].sha256.empty()) continue;  // checked range by range during its upload
      paths.push_back(files[end].remote_path);
      index.push_back(end);
      length += files[end].remote_path.size() + 3;
    }
    begin = end;
    if (paths.empty()) continue;
    std::vector<std::string> sums;
    auto run =
        Run(RemoteSha256Command(paths), deadline, [&sums](const std::string& line, bool is_stderr) {
          // A name with a newline continues on a line of its own,
          // which does not start with a hash.
          std::string hash = line.substr(line.rfind('\\', 0) == 0 ? 1 : 0, 64);
          if (!is_stderr && IsSha256Hex(hash)) sums.push_back(hash);
        });
    if (!run.ok()) return run.status();
    const CommandResult& r = run.value();
    if (r.exit_status == 127) return Status::Ok();  // no tool on the VM: the sizes stand alone
    if (r.exit_status != 0 || sums.size() != paths.size())
      return Status::Error("hashing the uploaded files on the VM failed (exit status " +
                           std::to_string(r.exit_status) + ")" +
                           (r.stderr_tail.empty() ? "" : ": " + r.stderr_tail.back()));
    for (size_t i = 0; i < sums.size(); ++i) {
      const UploadResult& f = files[index[i]];
      if (sums[i] == f.sha256) continue;
      if (mismatch != nullptr) *mismatch = index[i];
      return Status::Error(f.destination + " (written as " + f.remote_path +
                           ") on the VM has SHA-256 " + sums[i] + ", but " + f.sha256 +
                           " was sent");
    }
  }
  return Status::Ok();
}

}  // namespace vers::ssh
