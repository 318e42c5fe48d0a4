#include "ssh/session.h"

#include <libssh/server.h>  // ssh_send_keepalive, which clients use as well

#include <cstdio>
#include <deque>
#include <thread>

#include "ssh/channel.h"

namespace vers::ssh {

namespace {

// Read size for command output.
constexpr size_t kChunk = 64 * 1024;
constexpr size_t kStderrTailLines = 20;
constexpr const char* kCiphers =
    "aes128-gcm@openssh.com,aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes128-ctr,"
    "aes256-ctr";

bool Stopped(const std::atomic<bool>* stop) { return stop != nullptr && stop->load(); }

struct KeyFree {
  void operator()(ssh_key k) const { ssh_key_free(k); }
};

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
    s->keepalive_interval_ = o.keepalive_interval;
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
      // AES-GCM first: with AES instructions it costs both ends less CPU per
      // byte than ChaCha20-Poly1305, libssh's default first choice.
      ssh_options_set(ss, SSH_OPTIONS_CIPHERS_C_S, kCiphers);
      ssh_options_set(ss, SSH_OPTIONS_CIPHERS_S_C, kCiphers);
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

SshSession::~SshSession() {
  // A last chance for temporaries whose removal the caller did not ask for;
  // nothing to report to from here.
  if (!unpublished_.empty() && session_) {
    Status ignored = DiscardUploads(Clock::now() + std::chrono::seconds(5));
    (void)ignored;
  }
}

Result<CommandResult> SshSession::Run(
    const std::string& command, Clock::time_point deadline,
    const std::function<void(const std::string&, bool)>& on_line) {
  UniqueChannel ch(ssh_channel_new(session_.get()));
  if (!ch || ssh_channel_open_session(ch.get()) != SSH_OK ||
      ssh_channel_request_exec(ch.get(), command.c_str()) != SSH_OK)
    return Status::Error("cannot start the command: " + SshError());
  std::deque<std::string> tail;
  LineSplitter out(false, on_line, nullptr), err(true, on_line, &tail);
  std::vector<char> storage(kChunk);
  char* buf = storage.data();
  const uint32_t size = static_cast<uint32_t>(storage.size());
  auto last_traffic = Clock::now();
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
    const auto now = Clock::now();
    if (n_out > 0 || n_err > 0) {
      last_traffic = now;
    } else if (keepalive_interval_.count() > 0 && now - last_traffic >= keepalive_interval_) {
      ssh_send_keepalive(session_.get());  // a global request: the command is not disturbed
      last_traffic = now;
    }
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

}  // namespace vers::ssh
