// vergeio-local: an emulator of the VergeIO (VergeOS) v4 REST API on loopback.
//   vergeio-local serve --data-dir DIR [--listen 127.0.0.1:PORT]
#include <cstdio>
#include <string>

#include "vergeio_local/server.h"

namespace {

int Usage() {
  std::fprintf(stderr, "usage: vergeio-local serve --data-dir DIR [--listen 127.0.0.1:PORT]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  vers::vergeio::ServeOptions o;
  if (argc < 2 || std::string(argv[1]) != "serve" ||
      !vers::local::ParseServeArgs(argc - 2, argv + 2, &o))
    return Usage();
  return vers::vergeio::Serve(o);
}
