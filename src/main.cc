// terraform-provider-vers: started by Terraform/OpenTofu as a plugin.
#include <malloc.h>

#include <cstring>
#include <memory>

#include "plugin/serve/serve.h"
#include "resources/vers_provider.h"

int main(int argc, char** argv) {
  // At most two malloc arenas rather than glibc's default of 8 per core: each
  // of the ~20 threads that serve concurrent RPCs would otherwise get its own
  // arena, whose freed memory stays resident (~3 MiB of peak RSS in
  // bench/restore_bench.sh); the calls are I/O bound, so arena contention is
  // not what limits them.
  mallopt(M_ARENA_MAX, 2);
  vers::serve::ServeOptions options;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-debug") == 0 || std::strcmp(argv[i], "--debug") == 0) {
      options.debug = true;
    } else if (std::strcmp(argv[i], "-version") == 0 || std::strcmp(argv[i], "--version") == 0) {
      std::printf("terraform-provider-vers %s (plugin protocol 6)\n", VERS_PROVIDER_VERSION);
      return 0;
    }
  }
  return vers::serve::Serve(std::make_unique<vers::provider::VersProvider>(), options);
}
