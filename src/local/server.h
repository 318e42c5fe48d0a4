// `vers-local serve`: wires the PKI, store, runtime, SNI front and HTTPS API
// together, prints the ready line and runs until SIGTERM/SIGINT.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "local/https_serve.h"

namespace vers::local {

struct ServeOptions : ServeArgs {
  std::string vm_domain = "vm.localhost";
  // --honour-idempotency-keys: replay answers by X-Idempotency-Key, which
  // the real API does not do (routes.h). Off by default; no test uses it.
  bool honour_idempotency_keys = false;
  int64_t max_vms = 0;  // --max-vms N: VMs at once, 403 beyond (0: no limit)
  // --image-cache DIR: where the VMs' base image is built once and reused
  // (base_image.h); empty: DefaultImageCacheDir().
  std::string image_cache_dir;
  // --max-requests-per-connection N: close each API connection after N
  // requests, as a front that limits them would (0: no limit, as Vers's
  // front; api_front.h).
  size_t max_requests_per_connection = 0;
};

// Parses `serve`'s arguments: ServeArgs', --max-vms N (N >= 1),
// --max-requests-per-connection N (N >= 1), --image-cache DIR and
// --honour-idempotency-keys. False on anything else: the caller prints its
// usage.
bool ParseVersLocalServeArgs(int argc, char** argv, ServeOptions* out);

// Returns the process exit code (0 after a clean SIGTERM shutdown).
int Serve(const ServeOptions& options);

}  // namespace vers::local
