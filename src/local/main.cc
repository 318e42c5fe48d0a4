// vers-local: a Vers-compatible API server on loopback.
//   vers-local serve --data-dir DIR [--listen 127.0.0.1:PORT] [--max-vms N]
//                    [--honour-idempotency-keys]
//   vers-local __sandbox ...   (internal: one VM's namespace helper)
#include <cstdio>
#include <string>
#include <vector>

#include "local/sandbox_init.h"
#include "local/server.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: vers-local serve --data-dir DIR [--listen 127.0.0.1:PORT] [--max-vms N] "
               "[--honour-idempotency-keys]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string cmd = argv[1];
  if (cmd == "__sandbox") {
    vers::local::SandboxArgs args;
    if (!vers::local::ParseSandboxArgs(argc - 2, argv + 2, &args)) return 2;
    return vers::local::SandboxMain(args);
  }
  vers::local::ServeOptions o;
  if (cmd != "serve" || !vers::local::ParseVersLocalServeArgs(argc - 2, argv + 2, &o))
    return Usage();
  return vers::local::Serve(o);
}
