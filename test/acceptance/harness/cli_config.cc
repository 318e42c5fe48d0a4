#include "cli_config.h"

#include <filesystem>
#include <stdexcept>

#include "backends.h"
#include "json_flat.h"
#include "other_workspaces.h"

namespace vers::acceptance {
namespace {

std::string List(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + Quote(items[i]);
  return out + "]";
}

}  // namespace

std::string CliConfig::Text(const std::string& case_dir) const {
  std::string blocks;
  if (!dev_overrides.empty()) {
    blocks += "  dev_overrides {\n";
    for (const auto& [address, dir] : dev_overrides)
      blocks += "    " + Quote(address) + " = " + Quote(dir) + "\n";
    blocks += "  }\n";
  }
  for (const FilesystemMirror& mirror : filesystem_mirrors) {
    std::filesystem::path path(mirror.path);
    if (path.is_relative()) path = std::filesystem::path(case_dir) / path;
    blocks += "  filesystem_mirror {\n    path    = " + Quote(path.string()) + "\n";
    if (!mirror.include.empty()) blocks += "    include = " + List(mirror.include) + "\n";
    blocks += "  }\n";
  }
  if (direct) blocks += "  direct {}\n";
  std::string text = blocks.empty() ? "" : "provider_installation {\n" + blocks + "}\n";
  for (const auto& [host, url] : provider_hosts)
    text += "host " + Quote(host) + " {\n  services = {\n    \"providers.v1\" = " + Quote(url) +
            "\n  }\n}\n";
  return text;
}

CliConfig DevOverride(const std::string& address, const std::string& binary) {
  return {.dev_overrides = {{address, std::filesystem::path(binary).parent_path().string()}},
          .direct = true};
}

CliConfig DevBuild() { return DevOverride("hdr/vers", RequiredEnv("VERS_PROVIDER")); }

Action UseCliConfig(CliConfig config) {
  return [=](Context& ctx) {
    // Every workspace of a case shares the CLI configuration at its root.
    std::string case_dir = CaseWorkspace(ctx, "").dir();
    Status written = WriteFile(case_dir + "/cli.tfrc", ctx.Expand(config.Text(case_dir)));
    if (!written.ok()) throw std::runtime_error(written.message());
  };
}

}  // namespace vers::acceptance
