// TlsTunnel: a TLS connection to a VM's SSH front (SNI = the VM's host name),
// exposed as a local socket that libssh can drive as if it were the TCP
// connection to sshd. This is what `ssh -o ProxyCommand="openssl s_client
// -servername %h ..."` does, in-process: no child process, no key file.
//
// A pump thread relays bytes between the local socket and the TLS stream.
// The tunnel owns the TCP socket, the SSL object, the socket pair and the
// thread; destroying it closes them all and joins the thread. Not copyable.
#pragma once

#include <openssl/ssl.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <utility>

#include "base/openssl.h"
#include "base/status.h"

namespace vers::ssh {

// Where and how TlsTunnel::Open connects; copied by Open.
struct TlsOptions {
  std::string connect_host;  // where to connect; "*.localhost" names go to 127.0.0.1
  int port = 443;
  std::string server_name;   // SNI and the name the certificate must carry
  std::string ca_cert_file;  // empty: the system trust store
  bool insecure = false;     // skip certificate verification (asked for explicitly)
  std::chrono::milliseconds connect_timeout{10000};
};

class TlsTunnel {
 public:
  // Connects and completes the TLS handshake, verifying the server's
  // certificate against `server_name` unless `insecure`. Errors say what
  // failed (resolve, connect, handshake) and never carry keys; a certificate
  // that fails verification, or a CA file that cannot be loaded, is
  // kUnauthorized (retrying cannot help) and names ca_cert_file.
  static Result<std::unique_ptr<TlsTunnel>> Open(const TlsOptions& options);

  // Stops and joins the pump thread, shuts TLS down and closes every
  // descriptor still held (the local end too, unless released).
  ~TlsTunnel();
  TlsTunnel(const TlsTunnel&) = delete;
  TlsTunnel& operator=(const TlsTunnel&) = delete;

  // The local end for libssh (SSH_OPTIONS_FD), whose ownership passes to
  // the caller (libssh closes it when its session ends). Call once.
  int ReleaseLocalFd() { return std::exchange(local_fd_, -1); }
  // The negotiated protocol, e.g. "TLSv1.3".
  std::string protocol() const;
  // Bytes relayed towards the VM, for transfer summaries.
  uint64_t bytes_sent() const { return bytes_sent_.load(); }

 private:
  TlsTunnel() = default;
  void Pump();

  base::SslCtxPtr ctx_;
  base::SslPtr ssl_;
  int tcp_fd_ = -1;
  int local_fd_ = -1;       // handed to libssh
  int pump_fd_ = -1;        // the pump's end of the socket pair
  int wake_[2] = {-1, -1};  // a pipe that tells the pump to stop
  std::thread pump_;
  std::atomic<uint64_t> bytes_sent_{0};
};

}  // namespace vers::ssh
