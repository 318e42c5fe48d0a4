// terraform-provider-vers: started by Terraform/OpenTofu as a plugin.
#include <cstdio>
#include <cstring>
#include <memory>

#include "build_commit.h"  // generated at build time: VERS_BUILD_COMMIT
#include "plugin/serve/serve.h"
#include "plugin/static_runtime.h"
#include "resources/vers_provider.h"

int main(int argc, char** argv) {
  vers::PrepareStaticRuntime();
  vers::serve::ServeOptions options;
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
  return vers::serve::Serve(std::make_unique<vers::provider::VersProvider>(), options);
}
