// terraform-provider-vers: started by Terraform/OpenTofu as a plugin.
#include <cstring>
#include <memory>

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
      std::printf("terraform-provider-vers %s (plugin protocol 6)\n", VERS_PROVIDER_VERSION);
      return 0;
    }
  }
  return vers::serve::Serve(std::make_unique<vers::provider::VersProvider>(), options);
}
