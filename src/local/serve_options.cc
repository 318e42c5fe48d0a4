// `vers-local serve`'s own arguments on top of the emulators' shared ones.
#include <charconv>
#include <vector>

#include "local/server.h"

namespace vers::local {

bool ParseVersLocalServeArgs(int argc, char** argv, ServeOptions* out) {
  std::vector<char*> shared;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--honour-idempotency-keys") {
      out->honour_idempotency_keys = true;
      continue;
    }
    if (arg == "--image-cache") {
      if (i + 1 >= argc || argv[i + 1][0] == '\0') return false;
      out->image_cache_dir = argv[++i];
      continue;
    }
    if (arg == "--max-requests-per-connection") {
      if (i + 1 >= argc) return false;
      std::string n = argv[++i];
      auto [end, ec] =
          std::from_chars(n.data(), n.data() + n.size(), out->max_requests_per_connection);
      if (ec != std::errc() || end != n.data() + n.size() || out->max_requests_per_connection < 1)
        return false;
      continue;
    }
    if (arg != "--max-vms") {
      shared.push_back(argv[i]);
      continue;
    }
    if (i + 1 >= argc) return false;
    std::string n = argv[++i];
    auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), out->max_vms);
    if (ec != std::errc() || end != n.data() + n.size() || out->max_vms < 1) return false;
  }
  return ParseServeArgs(static_cast<int>(shared.size()), shared.data(), out);
}

}  // namespace vers::local
