#include "ssh/posix_fd.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace vers::ssh {
namespace {

#if !defined(SOCK_CLOEXEC)
bool SetFlags(int fd, bool nonblocking) {
  if (::fcntl(fd, F_SETFD, FD_CLOEXEC) != 0) return false;
  return !nonblocking || ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK) == 0;
}

bool SetFlagsOrClose(int fds[2]) {
  if (SetFlags(fds[0], false) && SetFlags(fds[1], false)) return true;
  ::close(fds[0]);
  ::close(fds[1]);
  return false;
}
#endif

}  // namespace

int NewSocket(int family, int type, int protocol, bool nonblocking) {
#if defined(SOCK_CLOEXEC)
  return ::socket(family, type | SOCK_CLOEXEC | (nonblocking ? SOCK_NONBLOCK : 0), protocol);
#else
  int fd = ::socket(family, type, protocol);
  if (fd >= 0 && !SetFlags(fd, nonblocking)) {
    ::close(fd);
    return -1;
  }
  return fd;
#endif
}

bool NewSocketPair(int fds[2]) {
#if defined(SOCK_CLOEXEC)
  return ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) == 0;
#else
  return ::socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0 && SetFlagsOrClose(fds);
#endif
}

bool NewPipe(int fds[2]) {
#if defined(__linux__)
  return ::pipe2(fds, O_CLOEXEC) == 0;
#else
  return ::pipe(fds) == 0 && SetFlagsOrClose(fds);
#endif
}

void SetTcpKeepAlive(int fd, int idle_s, int interval_s, int count) {
  int one = 1;
  ::setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof one);
#if defined(TCP_KEEPIDLE)
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle_s, sizeof idle_s);
#elif defined(TCP_KEEPALIVE)  // macOS names the idle time TCP_KEEPALIVE
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPALIVE, &idle_s, sizeof idle_s);
#endif
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval_s, sizeof interval_s);
  ::setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof count);
}

}  // namespace vers::ssh
