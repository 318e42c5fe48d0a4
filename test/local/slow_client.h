// Test helpers: a slow client that trickles bytes into a connection until
// the server ends it, as a slowloris does.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "local/fd.h"

namespace vers::local::testing {

// A TCP connection to 127.0.0.1:port (invalid on failure).
inline UniqueFd ConnectTcp(int port) {
  UniqueFd s(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(s.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return UniqueFd();
  return s;
}

// True once the server has ended the raw connection `fd` (end of stream, a
// reset, or anything it sent, such as an alert: a server waiting for more
// of a slow handshake sends nothing).
inline bool EndedByServer(int fd) {
  char c;
  ssize_t n = ::recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
  return n >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
}

// A TLS record header announcing a 512-byte handshake record: a server
// reading a ClientHello waits for all of it.
inline const std::string kSlowHandshake = std::string("\x16\x03\x01\x02\x00", 5);

// Sends `prefix`, then `filler` over and over, one byte every `interval`,
// through `send_byte` (false: the send failed, the server ended it) until
// `ended()` or `max_bytes` bytes were sent. Returns true when the server
// ended the connection first.
inline bool TrickleUntilEnded(const std::string& prefix, const std::string& filler,
                              std::chrono::milliseconds interval, size_t max_bytes,
                              const std::function<bool(char)>& send_byte,
                              const std::function<bool()>& ended) {
  for (size_t sent = 0; sent < max_bytes; ++sent) {
    if (ended()) return true;
    char c = sent < prefix.size() ? prefix[sent] : filler[(sent - prefix.size()) % filler.size()];
    if (!send_byte(c)) return true;
    std::this_thread::sleep_for(interval);
  }
  return ended();
}

// TrickleUntilEnded on a raw TCP connection.
inline bool TrickleRawUntilEnded(int fd, const std::string& prefix, const std::string& filler,
                                 std::chrono::milliseconds interval, size_t max_bytes) {
  return TrickleUntilEnded(
      prefix, filler, interval, max_bytes,
      [fd](char c) { return ::send(fd, &c, 1, MSG_NOSIGNAL) == 1; },
      [fd] { return EndedByServer(fd); });
}

}  // namespace vers::local::testing
