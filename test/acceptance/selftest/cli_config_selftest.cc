// The CLI configuration the harness writes ("unit: acceptance harness"): each
// way of finding a provider becomes the block the CLIs' docs describe
// (website/docs/cli/config/config-file.mdx in opentofu/opentofu).
#include <catch2/catch.hpp>

#include "cli_config.h"

namespace vers::acceptance {

TEST_CASE("a CLI configuration per way of finding a provider", "[harness]") {
  CHECK(CliConfig{}.Text("/case") == "");
  CHECK(DevOverride("example/tiny", "/build/terraform-provider-tiny").Text("/case") ==
        "provider_installation {\n  dev_overrides {\n    \"example/tiny\" = \"/build\"\n  }\n"
        "  direct {}\n}\n");
  CliConfig mirror{.filesystem_mirrors = {{"mirror", {"hdr/vers"}}, {"/abs", {}}}};
  CHECK(
      mirror.Text("/case") ==
      "provider_installation {\n  filesystem_mirror {\n    path    = \"/case/mirror\"\n"
      "    include = [\"hdr/vers\"]\n  }\n  filesystem_mirror {\n    path    = \"/abs\"\n  }\n}\n");
  CliConfig hosted{
      .provider_hosts = {{"registry.opentofu.org", "https://localhost:1/v1/providers/"}}};
  CHECK(hosted.Text("/case") ==
        "host \"registry.opentofu.org\" {\n  services = {\n"
        "    \"providers.v1\" = \"https://localhost:1/v1/providers/\"\n  }\n}\n");
}

}  // namespace vers::acceptance
