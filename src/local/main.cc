// vers-local: a Vers-compatible API server on loopback.
//   vers-local serve --data-dir DIR [--listen 127.0.0.1:PORT]
//   vers-local __sandbox ...   (internal: one VM's namespace helper)
#include <cstdio>
#include <string>

#include "local/sandbox_init.h"
#include "local/server.h"

namespace {

int Usage() {
  std::fprintf(stderr, "usage: vers-local serve --data-dir DIR [--listen 127.0.0.1:PORT]\n");
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
  if (cmd != "serve") return Usage();
  vers::local::ServeOptions o;
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
        o.port = std::stoi(l.substr(colon + 1));
      } catch (...) {
        return Usage();
      }
    } else {
      return Usage();
    }
  }
  if (o.data_dir.empty()) return Usage();
  return vers::local::Serve(o);
}
