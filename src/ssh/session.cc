#include "ssh/session.h"

#include <openssl/evp.h>

#include <cstdio>
#include <deque>
#include <fstream>
#include <thread>

#include "ssh/sftp_channel.h"

namespace vers::ssh {

namespace {

// Read size for command output.
constexpr size_t kChunk = 64 * 1024;
constexpr size_t kStderrTailLines = 20;

bool Stopped(const std::atomic<bool>* stop) { return stop != nullptr && stop->load(); }

struct KeyFree {
  void operator()(ssh_key k) const { ssh_key_free(k); }
};
struct ChannelFree {
  void operator()(ssh_channel c) const {
    ssh_channel_close(c);
    ssh_channel_free(c);
  }
};
struct DigestFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
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

std::string ParentDir(const std::string& path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return "";
  return path.substr(0, slash);
}

// Splits streamed output into lines for `on_line`.
class LineSplitter {
 public:
  LineSplitter(bool is_stderr, const std::function<void(const std::string&, bool)>& on_line,
               std::deque<std::string>* tail)
      : is_stderr_(is_stderr), on_line_(on_line), tail_(tail) {}
  void Add(const char* data, size_t n) {
    for (size_t i = 0; i < n; ++i) {
      if (data[i] == '\n') {
        Emit();
      } else if (partial_.size() < 64 * 1024) {  // a runaway line is cut, not buffered
        partial_ += data[i];
      }
    }
  }
  void Flush() {
    if (!partial_.empty()) Emit();
  }

 private:
  void Emit() {
    if (on_line_) on_line_(partial_, is_stderr_);
    if (tail_ != nullptr) {
      tail_->push_back(partial_);
      if (tail_->size() > kStderrTailLines) tail_->pop_front();
    }
    partial_.clear();
  }
  bool is_stderr_;
  const std::function<void(const std::string&, bool)>& on_line_;
  std::deque<std::string>* tail_;
  std::string partial_;
};

}  // namespace

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string RemoteSha256Command(const std::string& remote_path) {
  // OpenSSL's digest is about twice as fast as coreutils' sha256sum, which
  // stands in where openssl is not installed.
  const std::string quoted = ShellQuote(remote_path);
  return "openssl dgst -sha256 -r " + quoted + " 2>/dev/null || sha256sum -- " + quoted;
}

std::string SshSession::SshError() const {
  return session_ ? ssh_get_error(session_.get()) : "no session";
}

Result<std::unique_ptr<SshSession>> SshSession::Connect(
    const ConnectOptions& o, const std::function<void(const std::string&)>& on_retry) {
  ssh_key raw_key = nullptr;
  if (ssh_pki_import_privkey_base64(o.private_key.c_str(), nullptr, nullptr, nullptr, &raw_key) !=
      SSH_OK)
    return Status::Error("the VM's private key could not be read (not an OpenSSH or PEM key)");
  std::unique_ptr<ssh_key_struct, KeyFree> key(raw_key);

  auto delay = std::chrono::milliseconds(250);
  std::string last;
  for (int attempt = 1;; ++attempt) {
    if (Stopped(o.stop))
      return Status::Cancelled("cancelled while connecting to " + o.tls.server_name);
    std::unique_ptr<SshSession> s(new SshSession());  // private constructor
    s->stop_ = o.stop;
    bool permanent = false;
    auto tunnel = TlsTunnel::Open(o.tls);
    if (tunnel.ok()) {
      s->tunnel_ = std::move(tunnel).value();
      s->session_.reset(ssh_new());
      ssh_session ss = s->session_.get();
      // libssh closes the descriptor it is given when the session ends.
      socket_t fd = s->tunnel_->ReleaseLocalFd();
      long timeout_s = 30;
      ssh_options_set(ss, SSH_OPTIONS_FD, &fd);
      ssh_options_set(ss, SSH_OPTIONS_HOST, o.tls.server_name.c_str());
      ssh_options_set(ss, SSH_OPTIONS_USER, o.user.c_str());
      ssh_options_set(ss, SSH_OPTIONS_TIMEOUT, &timeout_s);
      int no = 0;
      ssh_options_set(ss, SSH_OPTIONS_PROCESS_CONFIG, &no);  // ignore ~/.ssh/config
      if (ssh_connect(ss) != SSH_OK) {
        last = "SSH handshake failed: " + s->SshError();
      } else if (ssh_userauth_publickey(ss, nullptr, key.get()) != SSH_AUTH_SUCCESS) {
        last = "the VM refused its SSH key for user " + o.user + " (" + s->SshError() + ")";
        permanent = true;
      } else {
        return s;
      }
    } else {
      last = tunnel.status().message();
      permanent = tunnel.status().code() == Status::Code::kUnauthorized;
    }
    if (permanent) return Status::Error(last);
    if (Clock::now() + delay >= o.deadline)
      return Status::Timeout("could not reach " + o.tls.server_name + " over SSH-over-TLS after " +
                             std::to_string(attempt) + " attempts: " + last);
    if (on_retry) on_retry(last);
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(3000));
  }
}

SshSession::~SshSession() = default;

Result<CommandResult> SshSession::Run(
    const std::string& command, Clock::time_point deadline,
    const std::function<void(const std::string&, bool)>& on_line) {
  std::unique_ptr<ssh_channel_struct, ChannelFree> ch(ssh_channel_new(session_.get()));
  if (!ch || ssh_channel_open_session(ch.get()) != SSH_OK ||
      ssh_channel_request_exec(ch.get(), command.c_str()) != SSH_OK)
    return Status::Error("cannot start the command: " + SshError());
  std::deque<std::string> tail;
  LineSplitter out(false, on_line, nullptr), err(true, on_line, &tail);
  std::vector<char> storage(kChunk);
  char* buf = storage.data();
  const uint32_t size = static_cast<uint32_t>(storage.size());
  while (true) {
    int n_out = ssh_channel_read_timeout(ch.get(), buf, size, 0, 100);
    if (n_out > 0) out.Add(buf, static_cast<size_t>(n_out));
    int n_err = ssh_channel_read_nonblocking(ch.get(), buf, size, 1);
    if (n_err > 0) err.Add(buf, static_cast<size_t>(n_err));
    if (n_out == SSH_ERROR || n_err == SSH_ERROR)
      return Status::Error("the connection was lost while the command ran: " + SshError());
    // A read at the end of the stream answers SSH_EOF, not 0.
    if (n_out == SSH_EOF) n_out = 0;
    if (n_err == SSH_EOF) n_err = 0;
    if (n_out == 0 && n_err == 0 && ssh_channel_is_eof(ch.get())) break;
    if (Stopped(stop_)) return Status::Cancelled("cancelled while the command ran");
    if (Clock::now() >= deadline) return Status::Timeout("the command did not finish in time");
  }
  out.Flush();
  err.Flush();
  CommandResult r;
  r.exit_status = ssh_channel_get_exit_status(ch.get());
  r.stderr_tail.assign(tail.begin(), tail.end());
  return r;
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
  if (dir.empty() || dir == "/") return Status::Ok();
  sftp_attributes st = sftp_stat(sftp_.get(), dir.c_str());
  if (st != nullptr) {
    bool is_dir = st->type == SSH_FILEXFER_TYPE_DIRECTORY;
    sftp_attributes_free(st);
    return is_dir ? Status::Ok() : Status::Error(dir + " exists on the VM and is not a directory");
  }
  if (Status s = MakeDirs(ParentDir(dir)); !s.ok()) return s;
  if (sftp_mkdir(sftp_.get(), dir.c_str(), 0755) != SSH_OK &&
      sftp_get_error(sftp_.get()) != SSH_FX_FILE_ALREADY_EXISTS)
    return Status::Error("cannot create " + dir + " on the VM: " + SshError());
  return Status::Ok();
}

Status SshSession::StartWriter(Clock::time_point deadline) {
  if (writer_ && !writer_->broken()) return Status::Ok();
  writer_.reset();
  auto channel = OpenSftpChannel(session_.get());
  if (!channel.ok()) return channel.status();
  SftpWriterOptions options;
  options.stop = stop_;
  auto writer = SftpWriter::Start(std::move(channel).value(), options, deadline);
  if (!writer.ok()) return writer.status().Annotate("cannot start SFTP on the VM: ");
  writer_ = std::move(writer).value();
  return Status::Ok();
}

Result<UploadResult> SshSession::Upload(const std::function<long(char*, size_t)>& read,
                                        const std::string& remote, int mode,
                                        Clock::time_point deadline) {
  if (Status s = MakeDirs(ParentDir(remote)); !s.ok()) return s;
  if (Status s = StartWriter(deadline); !s.ok()) return s;
  std::unique_ptr<EVP_MD_CTX, DigestFree> md(EVP_MD_CTX_new());
  EVP_DigestInit_ex(md.get(), EVP_sha256(), nullptr);
  auto written = writer_->WriteFile(
      remote, mode,
      [&](char* buf, size_t size) -> long {
        long n = read(buf, size);
        if (n > 0) EVP_DigestUpdate(md.get(), buf, static_cast<size_t>(n));
        return n;
      },
      deadline);
  if (!written.ok()) return written.status();
  UploadResult r;
  r.bytes = written.value();
  // The mode is set explicitly: the remote umask applies to open().
  if (sftp_chmod(sftp_.get(), remote.c_str(), static_cast<mode_t>(mode)) != SSH_OK)
    return Status::Error("cannot set the mode of " + remote + ": " + SshError());
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned len = 0;
  EVP_DigestFinal_ex(md.get(), digest, &len);
  r.sha256 = Hex(digest, len);

  sftp_attributes st = sftp_stat(sftp_.get(), remote.c_str());
  uint64_t remote_size = st != nullptr ? st->size : UINT64_MAX;
  if (st != nullptr) sftp_attributes_free(st);
  if (remote_size != r.bytes)
    return Status::Error(remote + " has " + std::to_string(remote_size) + " bytes on the VM, " +
                         std::to_string(r.bytes) + " were sent");
  std::string remote_sum;
  auto sum = Run(RemoteSha256Command(remote), deadline,
                 [&remote_sum](const std::string& line, bool is_stderr) {
                   if (!is_stderr && remote_sum.empty()) remote_sum = line.substr(0, 64);
                 });
  if (!sum.ok()) return sum.status();
  // With neither tool on the VM (exit 127) the size check stands alone.
  if (sum.value().exit_status == 0 && remote_sum != r.sha256)
    return Status::Error(remote + " on the VM has SHA-256 " + remote_sum + ", but " + r.sha256 +
                         " was sent");
  return r;
}

Result<UploadResult> SshSession::UploadFile(const std::string& local, const std::string& remote,
                                            int mode, Clock::time_point deadline) {
  std::ifstream in(local, std::ios::binary);
  if (!in) return Status::Error("cannot read " + local);
  return Upload(
      [&in](char* b, size_t n) -> long {
        in.read(b, static_cast<std::streamsize>(n));
        if (in.bad()) return -1;
        return static_cast<long>(in.gcount());
      },
      remote, mode, deadline);
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

}  // namespace vers::ssh
