#include "support/image_layers.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <sstream>
#include <thread>

#include "checks.h"
#include "other_workspaces.h"
#include "support/vm_ssh.h"

namespace vers::acceptance {
namespace {

// The running build VMs of vers_image_layer (by the label the provider sets).
std::vector<std::string> BuildVms(Context& ctx) {
  std::vector<std::string> ids;
  auto answer = ctx.vers->Api("GET", "/vms");
  if (!answer.ok()) return ids;
  auto vms = FlattenRows(answer.value());
  if (!vms.ok()) return ids;
  for (FlatMap& vm : vms.value())
    if (vm["labels.terraform-provider-vers.resource"] == "vers_image_layer" &&
        vm["state"] == "running")
      ids.push_back(vm["vm_id"]);
  return ids;
}

Result<std::vector<std::string>> CachedTags(Context& ctx) {
  auto answer = ctx.vers->Api("GET", "/repositories/image-layers/tags");
  if (!answer.ok()) return answer.status();
  auto tags = FlattenRows(answer.value(), "/tags");
  if (!tags.ok()) return tags.status();
  std::vector<std::string> names;
  for (FlatMap& tag : tags.value()) names.push_back(tag["tag_name"]);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

const char kRaceTf[] = R"(terraform {
  required_providers {
    vers = { source = "hdr/vers" }
  }
}
provider "vers" {
  ca_cert_file = "{{CA}}"
}
resource "vers_image_layer" "race" {
  parent_commit_id = "{{WORKER_COMMIT}}"
  cache_repository = "image-layers"
  commands         = ["while [ ! -e /tmp/go ]; do sleep 0.2; done", "echo raced >/opt/layers/race"]
  timeouts {
    create = "5m" # bounds a test gone wrong: the gate then never opens
  }
}
output "commit" {
  value = vers_image_layer.race.commit_id
}
)";

Action ReleaseBothBuilds() {
  return [](Context& ctx) {
    std::vector<std::string> vms;
    for (int i = 0; i < 600 && (vms = BuildVms(ctx)).size() != 2; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    ctx.vars["BUILD_VMS"] = std::to_string(vms.size());
    for (const std::string& vm : vms)  // its SSH may take a moment to come up
      for (int i = 0; i < 50 && !RunInVm(ctx, vm, "touch /tmp/go").ok(); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
  };
}

Check LayersAdoptedFrom(std::string ws1) {
  return That("it adopted every layer of " + ws1 + " from the cache", [=](Context& ctx) {
    auto here = ctx.workspace.Outputs();
    auto there = CaseWorkspace(ctx, ws1).Outputs();
    if (!here.ok()) return here.status();
    if (!there.ok()) return there.status();
    std::string got, want;
    for (auto& [key, value] : Under(there.value(), "layers")) {
      if (!key.ends_with(".commit_id")) continue;
      std::string layer = key.substr(0, key.find('.'));
      want += layer + " true " + value + "\n";
      FlatMap mine = Under(here.value(), "layers." + layer);
      got += layer + " " + mine["cached"] + " " + mine["commit_id"] + "\n";
    }
    if (here.value()["layers.%"] != there.value()["layers.%"])
      return Status::Error("the layers differ in number");
    return want.empty() ? Status::Error("no layers") : Same(got, want);
  });
}

Check CachedTagsAre(std::string expected) {
  return That("the cache lists " + expected, [=](Context& ctx) {
    auto tags = CachedTags(ctx);
    if (!tags.ok()) return tags.status();
    std::string got;
    for (const std::string& tag : tags.value()) got += (got.empty() ? "" : " ") + tag;
    std::istringstream words(ctx.Expand(expected));
    std::vector<std::string> wanted{std::istream_iterator<std::string>(words), {}};
    std::sort(wanted.begin(), wanted.end());
    std::string want;
    for (const std::string& tag : wanted) want += (want.empty() ? "" : " ") + tag;
    return Same(got, want);
  });
}

Check CachedTagCount(int count) {
  return That("the cache lists " + std::to_string(count) + " layers", [=](Context& ctx) {
    auto tags = CachedTags(ctx);
    if (!tags.ok()) return tags.status();
    return Same(std::to_string(tags.value().size()), std::to_string(count));
  });
}

}  // namespace vers::acceptance
