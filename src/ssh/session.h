// SshSession: an authenticated SSH session to a VM over a TlsTunnel, and what
// provisioning does with it: run commands (output streamed line by line) and
// upload files over SFTP (streamed with many writes in flight, verified by size
// and SHA-256).
//
// Uploads never touch their destinations until they are whole and verified:
// each file is written under a temporary name next to its destination, and
// Publish renames all of them into place at once. Whatever fails before,
// DiscardUploads (or the destructor) removes the temporaries, so a
// destination is either left as it was or holds the whole, checked file.
//
// The private key is taken from memory and never written anywhere. The SSH
// host key is not pinned: the TLS certificate, checked against the VM's host
// name, is what authenticates the endpoint (the VM's host key is new with
// every VM). One session is used by one thread at a time.
#pragma once

#include <libssh/libssh.h>
#include <libssh/sftp.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "ssh/sftp_writer.h"
#include "ssh/tls_tunnel.h"

namespace vers::ssh {

// The clock of every deadline here.
using Clock = std::chrono::steady_clock;

// How SshSession::Connect reaches a VM: over a TLS tunnel, as `user`, with
// `private_key` (copied; never logged). `stop` is borrowed and may be null.
struct ConnectOptions {
  // The TLS front to tunnel through.
  TlsOptions tls;
  // The login user on the VM.
  std::string user = "root";
  std::string private_key;  // secret: OpenSSH or PEM text
  // Connection attempts go on (the VM may still be booting) until this
  // deadline; authentication and certificate failures end them at once.
  Clock::time_point deadline;
  const std::atomic<bool>* stop = nullptr;  // StopProvider: give up promptly
  // While a command prints nothing, an SSH keepalive goes out this often, so
  // that proxies with idle timeouts keep the connection; 0: none.
  std::chrono::milliseconds keepalive_interval{15000};
};

// What Run reports of a command that ran to its end.
struct CommandResult {
  // Its exit status; -1 when it ended by a signal or the status was lost.
  int exit_status = -1;
  std::vector<std::string> stderr_tail;  // the last lines of stderr
};

// What Upload reports.
struct UploadResult {
  std::string destination;  // where the file goes
  std::string remote_path;  // where it was written: a temporary name next to destination
  uint64_t bytes = 0;
  // Files smaller than SegmentCheck::kSegmentBytes: the SHA-256 (hex) of
  // what was sent, for VerifySha256. Empty for larger files, which Upload
  // checks range by range while it sends them.
  std::string sha256;
  int ranges_checked = 0;  // larger files: ranges whose SHA-256 matched on the VM
};

class SshSession {
 public:
  // Connects, retrying transient failures until the deadline. Each failed
  // attempt is passed to `on_retry` (for logging) when set.
  static Result<std::unique_ptr<SshSession>> Connect(
      const ConnectOptions& options,
      const std::function<void(const std::string&)>& on_retry = nullptr);

  // Tries (for up to 5 s, unreported) to remove uploads not yet published
  // or discarded, then disconnects.
  ~SshSession();
  SshSession(const SshSession&) = delete;
  SshSession& operator=(const SshSession&) = delete;

  // Runs `command` through the remote user's shell. Each line of output is
  // given to `on_line(line, is_stderr)`. kTimeout after `deadline`,
  // kCancelled when stopped; an error when the connection is lost.
  Result<CommandResult> Run(const std::string& command, Clock::time_point deadline,
                            const std::function<void(const std::string&, bool)>& on_line);

  // Writes what `read` produces (it fills a buffer and returns how many
  // bytes it wrote, 0 at the end, -1 on error) with exactly `mode` to a new
  // file next to `destination` (".vers-upload-<random>-<n>" in its
  // directory, which is created with its parents), to be published. The
  // size the VM then reports must be what was sent. Files of 64 MiB or more
  // are checked range by range on the VM while they are sent (an error on a
  // mismatch); for smaller ones the SHA-256 is computed on the way, for one
  // VerifySha256 call over many.
  Result<UploadResult> Upload(const std::function<long(char*, size_t)>& read,
                              const std::string& destination, int mode, Clock::time_point deadline);
  // Upload of a local regular file (see LocalFile); a read error names it.
  Result<UploadResult> UploadFile(const std::string& local_path, const std::string& destination,
                                  int mode, Clock::time_point deadline);
  // Upload of `content`, held in memory.
  Result<UploadResult> UploadContent(const std::string& content, const std::string& destination,
                                     int mode, Clock::time_point deadline);

  // Hashes on the VM the uploaded `files` that carry a sha256, with one
  // command per few hundred files, and compares each with what was sent. A
  // mismatch is an error that names the file, whose index goes to
  // `*mismatch` when given. Without openssl or sha256sum on the VM only the
  // size checks stand (OK).
  Status VerifySha256(const std::vector<UploadResult>& files, Clock::time_point deadline,
                      size_t* mismatch = nullptr);

  // Puts uploaded `files` in place: in one round trip each destination is
  // checked, then in another all are renamed (rename(2): a file or symlink
  // at the destination is replaced in one step, never written through). An
  // error before any rename if a destination is a directory on the VM (a
  // symlink to one included), or if two destinations are one file there (a
  // symlinked directory in a path): the first would be lost. The index of
  // the file at fault goes to `*failed` when given.
  Status Publish(const std::vector<UploadResult>& files, Clock::time_point deadline,
                 size_t* failed = nullptr);

  // Removes what was uploaded and not published, also after a failed
  // upload or a Ctrl-C (the stop flag is ignored here; give a short
  // deadline). Best effort: an error says what may be left, e.g. when the
  // connection is gone. The destructor calls it when something is left.
  Status DiscardUploads(Clock::time_point deadline);

  // Creates `remote_dir` and its parents (mkdir -p).
  Status MakeDirs(const std::string& remote_dir);

  // Bytes sent through the tunnel so far.
  uint64_t bytes_sent() const { return tunnel_->bytes_sent(); }
  std::string tls_protocol() const { return tunnel_->protocol(); }
  // The SSH cipher negotiated for what the provider sends.
  std::string cipher() const { return ssh_get_cipher_out(session_.get()); }

 private:
  SshSession() = default;
  Status OpenSftp();
  // A writer not broken; a new one ignores the stop flag unless `heed_stop`.
  Status StartWriter(Clock::time_point deadline, bool heed_stop = true);
  // A new temporary name next to `destination`.
  std::string TemporaryFor(const std::string& destination);
  std::string SshError() const;

  struct SessionFree {
    void operator()(ssh_session s) const {
      ssh_disconnect(s);
      ssh_free(s);
    }
  };
  struct SftpFree {
    void operator()(sftp_session s) const { sftp_free(s); }
  };
  std::unique_ptr<TlsTunnel> tunnel_;
  std::unique_ptr<ssh_session_struct, SessionFree> session_;
  // Both run on channels of session_, so they are declared after it (freed first).
  std::unique_ptr<sftp_session_struct, SftpFree> sftp_;
  std::unique_ptr<SftpWriter> writer_;  // uploads: many writes in flight
  std::set<std::string> dirs_known_;    // directories known to exist on the VM
  std::string upload_token_;            // random, in this session's temporary names
  uint64_t uploads_started_ = 0;
  std::set<std::string> unpublished_;  // temporaries to remove unless published
  const std::atomic<bool>* stop_ = nullptr;
  std::chrono::milliseconds keepalive_interval_{0};
};

// The command VerifySha256 runs on the VM: one line per path, in order, that
// starts with its SHA-256 in hex (after a \ for some names); exit 127 when the
// VM has no tool for it.
std::string RemoteSha256Command(const std::vector<std::string>& remote_paths);

// The directory part of an absolute path: "/a/b" -> "/a", "/a" -> "".
std::string ParentDir(const std::string& path);

// Quotes `s` for a POSIX shell: 'it'\''s'.
std::string ShellQuote(const std::string& s);

}  // namespace vers::ssh
