// vers_image_layer against vers-local, on examples/layered-images as shipped
// (issue 17): a cold apply builds 4 layers (each build VM deleted, 4
// commits) and restores the workers from the last; an import by commit id is
// recorded in place (nothing rebuilt); a second, fresh workspace (ws2) and
// ./reuse adopt every layer from the cache without a VM, a command or a
// commit (vers-local's /_admin/requests); a changed layer-3 script replaces
// layers 3 and 4 only; data vers_image_layers lists the cache; two applies
// of one new layer at once publish one tag, the loser adopting the winner's
// commit and deleting its own; destroy keeps the cached commits (retain
// defaults to true), retain = false deletes them; ./prune prunes the rest.
#include "support/image_layers.h"

#include <catch2/catch.hpp>

#include "checks.h"
#include "concurrent.h"
#include "other_workspaces.h"
#include "requests.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

const std::string kLayer = "module.layers.vers_image_layer.";
const std::string kRetainFalse = "$&\n  retain           = false";

Check WorkerLayerTagged() {
  return That("the worker layer is cached as image-layers:<hash>", [](Context& ctx) {
    auto tag = ctx.vers->Api("GET", ctx.Expand("/repositories/image-layers/tags/{{WORKER_HASH}}"));
    if (!tag.ok()) return tag.status();
    auto commit = Field(tag.value(), "/commit_id");
    return commit.ok() ? Same(commit.value(), ctx.vars["WORKER_COMMIT"]) : commit.status();
  });
}

Check CountersAsMarked() {
  return That("vers-local holds what it held",
              [](Context& ctx) { return Same(ctx.vers->Counters(), ctx.vars["COUNTERS"]); });
}

Step Race(const std::string& subdir) {
  return {.name = "a workspace racing for one new layer",
          .subdir = subdir,
          .files = {{"main.tf", kRaceTf}},
          .command = Command::kNone};
}

Step RaceRetainFalse(const std::string& subdir) {
  return {
      .name = "retain = false changes in place",
      .subdir = subdir,
      .pre_config = ReplaceIn("main.tf", R"(^  cache_repository = "image-layers"$)", kRetainFalse),
      .expect_output = {"0 added, 1 changed, 0 destroyed"}};
}

}  // namespace

TEST_CASE("image_layers") {
  std::vector<std::string> layers = {"app", "base", "tools", "worker"};
  std::vector<Check> built = {VersCounters("2 4 0"), Output("layers.%", "4")};
  for (const std::string& layer : layers) {
    built.push_back(Output("layers." + layer + ".cached", "false"));
    built.push_back(Remember(layer + "_HASH", kLayer + layer, "content_hash"));
    built.push_back(Remember(layer + "_COMMIT", kLayer + layer, "commit_id"));
  }
  built.push_back(Remember("WORKER_HASH", kLayer + "worker", "content_hash"));
  built.push_back(Remember("WORKER_COMMIT", kLayer + "worker", "commit_id"));
  built.push_back(WorkerLayerTagged());
  Run("image_layers",
      {.vers_local = true,
       .setup = [](Context& ctx) { ctx.workspace.SetEnvironment({{"TF_VAR_ca_cert_file", ctx.vars["CA"]}}); },
       .steps =
           {{.name = "the 4 layers build and the workers restore from the last",
             .copy_from = "examples/layered-images",
             .pre_config = RunCli({"get"}),  // installs the local module ./layers
             .checks = built},
            {.name = "import by commit id",
             .command = Command::kNone,
             .checks = {CliSucceeds({"state", "rm", kLayer + "app"}),
                        CliSucceeds({"import", kLayer + "app", "{{app_COMMIT}}"})}},
            {.name = "the apply after the import updates it in place, making no VM and no commit",
             .pre_config = MarkRequests("import"),
             .expect_output = {"0 added, 1 changed, 0 destroyed"},
             .checks = {RequestsSince("import", VmWorkOperations(), 0)}},
            {.name = "a bad import id is refused, saying what is accepted",
             .command = Command::kNone,
             .checks = {CliFails({"import", kLayer + "app", "not-a-commit"},
                                 "is not a commit id. vers_image_layer imports by the layer's "
                                 "commit id")}},
            {.name = "a fresh workspace applies the same layers, all from the cache",
             .subdir = "ws2",
             .copy_from = "examples/layered-images/layers",
             .files = {{"zz_test_provider.tf", "provider \"vers\" {\n  ca_cert_file = \"{{CA}}\"\n}\n"},
                       {"terraform.tfvars", "worker_count = 2\n"}},  // as ws1's module call
             .pre_config = [](Context& ctx) {
               MarkRequests("ws2")(ctx);
               ctx.vars["COUNTERS"] = ctx.vers->Counters();
             },
             .checks = {RequestsSince("ws2", VmWorkOperations(), 0), CountersAsMarked(),
                        LayersAdoptedFrom("")}},
            {.name = "examples/layered-images copied for ./reuse and ./prune",
             .subdir = "reuse-src",
             .copy_from = "examples/layered-images",
             .command = Command::kNone},
            {.name = "examples/layered-images/reuse applies, building nothing; its one worker runs",
             .subdir = "reuse-src/reuse",
             .pre_config = Sequence({RunCli({"get"}), MarkRequests("reuse")}),
             .checks = {RequestsSince("reuse", {"create_new_root_vm", "commit_vm"}, 0),
                        VersCounters("3 4 0")}},
            {.name = "examples/layered-images/reuse destroys, keeping the layers' commits",
             .subdir = "reuse-src/reuse",
             .command = Command::kDestroy,
             .checks = {VersCounters("2 4 0")}},
            {.name = "a changed layer-3 script replaces layers 3 and 4 only (and the workers)",
             .pre_config = AppendTo("layers/scripts/app.sh",
                                    "echo \"app v2\" >/opt/layers/app.version\n"),
             .command = Command::kNone,
             .expect_actions = {{kLayer + "app delete,create", kLayer + "worker delete,create",
                                 "vers_vm_restore.worker[0] delete,create",
                                 "vers_vm_restore.worker[1] delete,create"}},
             .checks = {CliSucceeds({"show", "-no-color", "actions.plan"}),
                        LineHas({"content_hash", "{{app_HASH}}", "->"})}},
            {.name = "the rebuild: 2 new commits, the old ones kept (retain), no build VM left",
             .checks = {VersCounters("2 6 0")}},
            {.name = "data vers_image_layers lists the 6 cached layers",
             .files = {{"cache.tf", R"(data "vers_image_layers" "cache" {
  repository = "image-layers"
}
output "cached_hashes" {
  value = sort(keys(data.vers_image_layers.cache.commit_ids))
}
)"}},
             .checks = {Output("cached_hashes.#", "6")}},
            Race("race"),
            Race("race2"),
            {.name = "two applies of one new layer at once end with one commit",
             .pre_config = Sequence({MarkRequests("race"),
                                     ApplyConcurrently({"race", "race2"}, ReleaseBothBuilds())}),
             .command = Command::kNone,
             .checks = {VarIs("BUILD_VMS", "2"),  // both missed the cache and started a build
                        ConcurrentApplySucceeded("race"), ConcurrentApplySucceeded("race2"),
                        RequestsSince("race", {"commit_vm"}, 2),  // both built and committed
                        In("race", Remember("RACED", "vers_image_layer.race", "commit_id")),
                        In("race2", Attr("vers_image_layer.race", "commit_id", "{{RACED}}")),
                        // the loser deleted its commit: one commit more, no VM left
                        VersCounters("2 7 0")}},
            {.name = "destroy keeps the cached commits",
             .command = Command::kDestroy,
             .checks = {VersCounters("0 7 0")}},
            // Both racing workspaces record retain = false first (in place):
            // the first destroy then deletes the shared layer, and the second
            // finds it gone (an apply in between would rebuild it).
            RaceRetainFalse("race"),
            RaceRetainFalse("race2"),
            {.name = "destroy with retain = false", .subdir = "race", .command = Command::kDestroy},
            {.name = "destroy with retain = false deletes the raced layer's commit",
             .subdir = "race2",
             .command = Command::kDestroy,
             .checks = {VersCounters("0 6 0")}},
            {.name = "retain = false changes ws2's 4 layers in place",
             .subdir = "ws2",
             .pre_config = ReplaceIn("main.tf", "^  cache_repository = var.cache_repository$",
                                     kRetainFalse),
             .expect_output = {"0 added, 4 changed, 0 destroyed"}},
            // ws2's layers are ws1's first: worker and app go; tools and base
            // stay with their tags, as the rebuilt app layer is built on them.
            {.name = "destroy with retain = false deletes the worker and app layers' commits",
             .subdir = "ws2",
             .command = Command::kDestroy,
             .checks = {Printed("kept too"), VersCounters("0 4 0"), CachedTagCount(4)}},
            {.name = "examples/layered-images/prune prunes the 2 unkept layers",
             .subdir = "reuse-src/prune",
             .files = {{"zz_keep.auto.tfvars", "keep = [\"{{base_HASH}}\", \"{{tools_HASH}}\"]\n"}},
             .checks = {VersCounters("0 2 0"), CachedTagsAre("{{base_HASH}} {{tools_HASH}}")},
             // Its terraform_data.prune exists while there is something to
             // prune: the re-plan removes it (as the example means).
             .plan_empty_after = false}},
       .destroy = false});  // each workspace destroyed above
}

}  // namespace vers::acceptance
