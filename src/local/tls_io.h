// Deadline-bound socket and TLS waits for servers that must not let one slow
// client hold a thread for long: a per-read timeout restarts with every byte
// a slowloris sends, a deadline does not.
#pragma once

#include <chrono>
#include <string>

typedef struct ssl_st SSL;

namespace vers::local {

using Clock = std::chrono::steady_clock;

// Waits until `fd` is ready for `events` (poll(2) flags) or shut down. False
// once `deadline` has passed, or on a poll error.
bool WaitFd(int fd, short events, Clock::time_point deadline);

// Sets or clears O_NONBLOCK on `fd`; false on failure.
bool SetNonBlocking(int fd, bool on);

// Runs the server side of the TLS handshake of `ssl` (attached to `fd`) to
// completion by `deadline`. False when it fails, the deadline passes or the
// socket is shut down. The socket is non-blocking meanwhile and blocking
// again afterwards.
bool AcceptTlsBy(SSL* ssl, int fd, Clock::time_point deadline);

// The numeric address of the peer of `fd` ("" when unknown) and its port.
std::string PeerAddress(int fd, int* port = nullptr);

// The numeric local address of `fd` ("" when unknown) and its port.
std::string LocalAddress(int fd, int* port = nullptr);

}  // namespace vers::local
