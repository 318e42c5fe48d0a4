// `vers-local serve`: wires the PKI, store, runtime, SNI front and HTTPS API
// together, prints the ready line and runs until SIGTERM/SIGINT.
#pragma once

#include <string>

#include "local/https_serve.h"

namespace vers::local {

struct ServeOptions : ServeArgs {
  std::string vm_domain = "vm.localhost";
};

// Returns the process exit code (0 after a clean SIGTERM shutdown).
int Serve(const ServeOptions& options);

}  // namespace vers::local
