// terraform-provider-vers: started by Terraform/OpenTofu as a plugin.
#include <cstdio>
#include <cstring>
#include <memory>

#include "build_commit.h"  // generated at build time: VERS_BUILD_COMMIT
#include "plugin/serve/serve.h"
#include "plugin/static_runtime.h"
#include "resources/vers_provider.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

int main(int argc, char** argv) {
  tfplugin::PrepareStaticRuntime();
#ifdef __GLIBC__
  // At most two malloc arenas rather than glibc's default of 8 per core: each
  // of the ~20 threads that serve concurrent RPCs would otherwise get its own
  // arena, whose freed memory stays resident (~3 MiB of peak RSS in
  // bench/restore_bench.sh); the calls are I/O bound, so arena contention is
  // not what limits them.
  mallopt(M_ARENA_MAX, 2);
#endif
  tfplugin::serve::ServeOptions options;
  // Who this provider is, for what the framework prints and signs: the
  // registry source address is hdr/vers (README "Install").
  options.identity = {.name = "vers", .source = "hdr/vers", .program = "terraform-provider-vers"};
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "-debug") == 0 || std::strcmp(argv[i], "--debug") == 0) {
      options.debug = true;
    } else if (std::strcmp(argv[i], "-version") == 0 || std::strcmp(argv[i], "--version") == 0) {
      // The first line is the name and the version (CMakeLists.txt's
      // project(VERSION), its one place), kept one literal so that
      // scripts/release.sh finds it in a binary it cannot run (another arch).
      std::fputs("terraform-provider-vers " VERS_PROVIDER_VERSION "\ncommit " VERS_BUILD_COMMIT
                 "\nplugin protocol 6\n",
                 stdout);
      return 0;
    }
  }
  return tfplugin::serve::Serve(std::make_unique<vers::provider::VersProvider>(), options);
}
