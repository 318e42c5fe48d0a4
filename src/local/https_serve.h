// Serving an emulator's HTTPS API until SIGTERM or SIGINT: what vers-local and
// vergeio-local share around their own routes and state.
#pragma once

#include <httplib.h>

#include <string>

#include "base/status.h"
#include "local/guarded_server.h"

namespace vers::local {

// What both emulators take after `serve`: --data-dir DIR [--listen HOST:PORT].
struct ServeArgs {
  std::string data_dir;
  std::string host = "127.0.0.1";
  int port = 0;  // 0: ephemeral
};

// Parses the `argc` arguments at `argv` into `out`. False on anything else,
// a missing --data-dir or a port outside 0-65535: the caller prints its usage.
bool ParseServeArgs(int argc, char** argv, ServeArgs* out);

// Blocks SIGTERM and SIGINT in the calling thread and in every thread it
// starts afterwards (ServeUntilStopped takes them with sigwait), and ignores
// SIGPIPE. Call before starting any thread.
void BlockStopSignals();

// Creates `dir` (mode 0700) when missing; returns its absolute path.
Result<std::string> PrepareDataDir(const std::string& dir);

// Sets the socket options both servers need (TCP_NODELAY, else a response
// written in parts waits ~40 ms for the client's delayed ACK; SO_REUSEADDR
// but not httplib's SO_REUSEPORT, so that a taken --listen port fails instead
// of being shared), binds host:port (0: any free port) with a listen backlog
// of SOMAXCONN, and raises the process's open-file limit towards 65536 as its
// hard limit allows (every connection is a descriptor). Returns the bound port.
Result<int> BindHttps(GuardedHttpsServer& http, const std::string& host, int port);

// Prints `ready_line` on stdout and serves until SIGTERM or SIGINT. An error
// when the server stopped by itself.
Status ServeUntilStopped(GuardedHttpsServer& http, const std::string& ready_line);

}  // namespace vers::local
