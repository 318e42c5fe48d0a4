// terraform-provider-tiny: the tiny provider (tiny_provider.h) served by the
// framework, as Terraform/OpenTofu start it; the acceptance case tiny_provider runs it.
#include <memory>
#include <string>

#include "plugin/serve/serve.h"
#include "test/plugin/tiny_provider/tiny_provider.h"

int main(int argc, char** argv) {
  tfplugin::serve::ServeOptions options;
  options.identity = tiny::Identity();
  options.debug = argc > 1 && std::string(argv[1]) == "-debug";
  return tfplugin::serve::Serve(tiny::NewProvider(), options);
}
