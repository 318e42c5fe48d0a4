// `vers-local serve`: wires the PKI, store, runtime, SNI front and HTTPS API
// together, prints the ready line and runs until SIGTERM/SIGINT.
#pragma once

#include <string>

#include "local/https_serve.h"

namespace vers::local {

struct ServeOptions : ServeArgs {
  std::string vm_domain = "vm.localhost";
  // --honour-idempotency-keys: replay answers by X-Idempotency-Key, which
  // the real API does not do (routes.h). Off by default; no test uses it.
  bool honour_idempotency_keys = false;
};

// Returns the process exit code (0 after a clean SIGTERM shutdown).
int Serve(const ServeOptions& options);

}  // namespace vers::local
