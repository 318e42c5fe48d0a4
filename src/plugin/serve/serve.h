// Serving the provider as a go-plugin gRPC plugin: the handshake with
// Terraform/OpenTofu, the listener, automatic mutual TLS, and shutdown.
#pragma once

#include <memory>

#include "plugin/identity.h"
#include "plugin/provider.h"

namespace tfplugin::serve {

// How Serve runs (from the command line: main.cc).
struct ServeOptions {
  // Who the provider is (hints, reattach value, TLS certificate, diagnostics).
  ProviderIdentity identity;
  // Reattach mode: serve without the magic cookie or TLS, print the
  // TF_REATTACH_PROVIDERS value, and run until Ctrl-C.
  bool debug = false;
};

// Runs the plugin server until GRPCController.Shutdown, SIGTERM, or the death
// of the parent process. Returns the process exit code. Must be called from
// the main thread before any other thread is started (it sets the signal mask
// that every later thread inherits).
int Serve(std::unique_ptr<Provider> provider, const ServeOptions& options);

// The go-plugin magic cookie Terraform and OpenTofu set for providers.
inline constexpr const char* kMagicCookieKey = "TF_PLUGIN_MAGIC_COOKIE";
inline constexpr const char* kMagicCookieValue =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

}  // namespace tfplugin::serve
