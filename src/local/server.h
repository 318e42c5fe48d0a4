// `vers-local serve`: wires the PKI, store, runtime, SNI front and HTTPS API
// together, prints the ready line and runs until SIGTERM/SIGINT.
#pragma once

#include <string>

namespace vers::local {

struct ServeOptions {
  std::string data_dir;
  std::string host = "127.0.0.1";
  int port = 0;  // 0: ephemeral
  std::string vm_domain = "vm.localhost";
};

// Returns the process exit code (0 after a clean SIGTERM shutdown).
int Serve(const ServeOptions& options);

}  // namespace vers::local
