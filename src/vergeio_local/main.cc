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
  if (argc < 2 || std::string(argv[1]) != "serve") return Usage();
  vers::vergeio::ServeOptions o;
  for (int i = 2; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--data-dir" && i + 1 < argc) {
      o.data_dir = argv[++i];
    } else if (a == "--listen" && i + 1 < argc) {
      std::string l = argv[++i];
      auto colon = l.rfind(':');
      if (colon == std::string::npos) return Usage();
      o.host = l.substr(0, colon);
      try {
        size_t used = 0;
        o.port = std::stoi(l.substr(colon + 1), &used);
        if (used != l.size() - colon - 1 || o.port < 0 || o.port > 65535) return Usage();
      } catch (...) {
        return Usage();
      }
    } else {
      return Usage();
    }
  }
  if (o.data_dir.empty()) return Usage();
  return vers::vergeio::Serve(o);
}
