// vers-local: a Vers-compatible API server on loopback.
//   vers-local serve --data-dir DIR [--listen 127.0.0.1:PORT] [--max-vms N]
//                    [--image-cache DIR] [--honour-idempotency-keys]
//                    [--max-requests-per-connection N]
//   vers-local build-image [--image-cache DIR]   (builds the VM base image
//                                                 once; CI runs it before the tests)
//   vers-local __sandbox ...   (internal: one VM's namespace helper)
#include <cstdio>
#include <string>
#include <vector>

#include "local/base_image.h"
#include "local/sandbox_init.h"
#include "local/server.h"

namespace {

int Usage() {
  std::fprintf(stderr,
               "usage: vers-local serve --data-dir DIR [--listen 127.0.0.1:PORT] [--max-vms N] "
               "[--image-cache DIR] [--honour-idempotency-keys] "
               "[--max-requests-per-connection N]\n"
               "       vers-local build-image [--image-cache DIR]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string cmd = argv[1];
  if (cmd == "__sandbox") {
    vers::local::SandboxArgs args;
    if (!vers::local::ParseSandboxArgs(argc - 2, argv + 2, &args)) {
      std::fprintf(stderr, "vers-local __sandbox: bad arguments\n");
      return 2;
    }
    return vers::local::SandboxMain(args);
  }
  if (cmd == "build-image") {
    if (argc != 2 && !(argc == 4 && std::string(argv[2]) == "--image-cache")) return Usage();
    std::string cache = argc == 4 ? argv[3] : vers::local::DefaultImageCacheDir();
    auto image = vers::local::EnsureBaseImage(cache, [](const std::string& dir) {
      std::fprintf(stderr, "vers-local: building the VM base image %s (log: %s.log)\n", dir.c_str(),
                   dir.c_str());
    });
    if (!image.ok()) {
      std::fprintf(stderr, "vers-local: %s\n", image.status().message().c_str());
      return 1;
    }
    std::printf("%s\n", image.value().dir.c_str());
    if (image.value().built)
      std::fprintf(stderr, "vers-local: built in %.0f s\n", image.value().build_seconds);
    return 0;
  }
  vers::local::ServeOptions o;
  if (cmd != "serve" || !vers::local::ParseVersLocalServeArgs(argc - 2, argv + 2, &o))
    return Usage();
  return vers::local::Serve(o);
}
