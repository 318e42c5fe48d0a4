#pragma once

namespace vers::ssh {

// Descriptors made close-on-exec with what every POSIX system has. Linux's
// atomic shortcuts (SOCK_CLOEXEC, SOCK_NONBLOCK, pipe2) are used where they
// exist; macOS lacks them, and there the flags are set right after creation
// (the provider never forks, so nothing can inherit them in between).

// socket(2), close-on-exec, and non-blocking when `nonblocking`. Returns the
// descriptor, or -1 with errno set.
int NewSocket(int family, int type, int protocol, bool nonblocking);

// socketpair(AF_UNIX, SOCK_STREAM) and pipe(2), both ends close-on-exec.
// Return false with errno set on failure.
bool NewSocketPair(int fds[2]);
bool NewPipe(int fds[2]);

// TCP keepalive on a connected socket: the first probe after `idle_s` idle
// seconds, then every `interval_s`, giving up after `count` unanswered.
void SetTcpKeepAlive(int fd, int idle_s, int interval_s, int count);

}  // namespace vers::ssh
