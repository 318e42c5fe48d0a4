#include "local/https_serve.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "local/fs.h"

namespace vers::local {

namespace {

sigset_t StopSignals() {
  sigset_t sigs;
  sigemptyset(&sigs);
  sigaddset(&sigs, SIGTERM);
  sigaddset(&sigs, SIGINT);
  return sigs;
}

}  // namespace

bool ParseServeArgs(int argc, char** argv, ServeArgs* out) {
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data-dir" && i + 1 < argc) {
      out->data_dir = argv[++i];
    } else if (a == "--listen" && i + 1 < argc) {
      std::string l = argv[++i];
      auto colon = l.rfind(':');
      if (colon == std::string::npos) return false;
      out->host = l.substr(0, colon);
      try {
        size_t used = 0;
        out->port = std::stoi(l.substr(colon + 1), &used);
        if (used != l.size() - colon - 1 || out->port < 0 || out->port > 65535) return false;
      } catch (...) {
        return false;
      }
    } else {
      return false;
    }
  }
  return !out->data_dir.empty();
}

void BlockStopSignals() {
  sigset_t sigs = StopSignals();
  pthread_sigmask(SIG_BLOCK, &sigs, nullptr);
  ::signal(SIGPIPE, SIG_IGN);
}

Result<std::string> PrepareDataDir(const std::string& dir) {
  if (Status st = MakeDirs(dir, 0700); !st.ok()) return st;
  char real[PATH_MAX];
  if (!::realpath(dir.c_str(), real)) return Status::Error("cannot resolve " + dir);
  return std::string(real);
}

Result<int> BindHttps(GuardedHttpsServer& http, const std::string& host, int port) {
  if (!http.is_valid()) return Status::Error("loading the TLS certificate failed");
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  http.set_tcp_nodelay(true);
  // Bodies are read into memory: 1 GiB at most (413 beyond), which bounds a
  // root filesystem upload (POST /images/upload) on vers-local. The real
  // API's limit is not documented (its 413 is "Upload too large").
  http.set_payload_max_length(size_t{1} << 30);
  if (port == 0) {
    port = http.bind_to_any_port(host);
    if (port <= 0) return Status::Error("cannot listen on " + host);
  } else if (!http.bind_to_port(host, port)) {
    return Status::Error("cannot listen on " + host + ":" + std::to_string(port));
  }
  if (!http.WidenListenBacklog(SOMAXCONN)) return Status::Error("cannot listen on " + host);
  rlimit files{};
  const rlim_t wanted = 65536;  // what the connection limits need, with room
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < wanted) {
    files.rlim_cur = std::min(files.rlim_max, wanted);
    (void)::setrlimit(RLIMIT_NOFILE, &files);  // best effort: the old limit still works
  }
  return port;
}

Status ServeUntilStopped(GuardedHttpsServer& http, const std::string& ready_line) {
  std::atomic<bool> signalled = false;
  std::thread signals([&http, &signalled] {
    sigset_t sigs = StopSignals();
    int sig = 0;
    sigwait(&sigs, &sig);
    signalled = true;
    http.stop();
  });
  std::cout << ready_line << std::endl;
  bool listened = http.listen_after_bind();
  if (!signalled) ::kill(::getpid(), SIGTERM);  // the server failed: release the signal thread
  signals.join();
  if (!listened && !signalled) return Status::Error("the server stopped unexpectedly");
  return Status::Ok();
}

}  // namespace vers::local
