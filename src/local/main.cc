// vers-local: a Vers-compatible API server on loopback.
//   vers-local serve --data-dir DIR [--listen 127.0.0.1:PORT] [--honour-idempotency-keys]
//   vers-local __sandbox ...   (internal: one VM's namespace helper)
#include <cstdio>
#include <string>
#include <vector>

#include "local/sandbox_init.h"
#include "local/server.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: vers-local serve --data-dir DIR [--listen 127.0.0.1:PORT] "
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
  // vers-local's own flag; the rest are the arguments both emulators share.
  std::vector<char*> shared;
  for (int i = 2; i < argc; ++i) {
    if (std::string(argv[i]) == "--honour-idempotency-keys") {
      o.honour_idempotency_keys = true;
    } else {
      shared.push_back(argv[i]);
    }
  }
  if (cmd != "serve" ||
      !vers::local::ParseServeArgs(static_cast<int>(shared.size()), shared.data(), &o))
    return Usage();
  return vers::local::Serve(o);
}
