// Issue 15, item 2, against vers-local: a base image uploaded from a local
// root filesystem archive, a VM that boots from it (the archive's file is
// there, read over SSH by vers_provision), data vers_images; apply -> re-plan
// empty -> import into a fresh state (an update in place) -> destroy ->
// vers-local holds no image. Then the failures a user meets: an archive the
// API refuses (its reason is the diagnostic), bad inputs named at validation.
//
// Sources: the Vers spec (orchestrator.openapi.json, tag "images", and
// VmCreateVmConfig.image_name); no public client calls /images (see
// src/local/api_images.cc for what vers-local decides where the spec is open).
#include <catch2/catch.hpp>
#include <filesystem>

#include "actions.h"
#include "checks.h"
#include "other_workspaces.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

constexpr char kMainTf[] = R"(resource "vers_base_image" "tools" {
  image_name   = "e2e-tools"
  archive_path = "${path.module}/rootfs.tar.gz"
  size_mib     = 512
  triggers     = { archive = filesha256("${path.module}/rootfs.tar.gz") }
}

resource "vers_vm" "from_image" {
  vcpu_count   = 1
  mem_size_mib = 512
  fs_size_mib  = 1024
  image_name   = vers_base_image.tools.image_name
}

# Fails the apply unless the VM's root filesystem holds the archive's file.
resource "vers_provision" "check" {
  vm_id    = vers_vm.from_image.id
  commands = ["grep -q 'made by e2e vers_base_images' /etc/vers-image-release"]
}

data "vers_images" "uploaded" {
  source_type = "upload"
  depends_on  = [vers_base_image.tools]
}

output "status" { value = vers_base_image.tools.status }
output "image_id" { value = vers_base_image.tools.base_image_id }
output "names" { value = data.vers_images.uploaded.names }
)";

constexpr char kBadArchiveTf[] = R"(resource "vers_base_image" "bad" {
  image_name   = "e2e-bad"
  archive_path = "${path.module}/rootfs.tar.gz"
}
)";

constexpr char kBadInputsTf[] = R"(resource "vers_base_image" "missing" {
  image_name   = "a"
  archive_path = "/nonexistent/rootfs.tar"
}
resource "vers_base_image" "two_sources" {
  image_name   = "b"
  archive_path = "/nonexistent/rootfs.tar"
  docker_image = "debian:12"
}
resource "vers_base_image" "reserved" {
  image_name   = "default"
  docker_image = "debian:12"
}
resource "vers_base_image" "half_s3" {
  image_name   = "c"
  docker_image = "debian:12"
  s3_key       = "k"
}
)";

// rootfs.tar.gz holding etc/vers-image-release.
void MakeArchive(Context& ctx) {
  std::filesystem::create_directories(ctx.workspace.dir() + "/rootfs/etc");
  REQUIRE(WriteFile(ctx.workspace.dir() + "/rootfs/etc/vers-image-release",
                    "made by e2e vers_base_images\n")
              .ok());
  REQUIRE(ctx.workspace
              .RunProgram(
                  {"tar", "--create", "--gzip", "--file", "rootfs.tar.gz", "-C", "rootfs", "etc"})
              .exit_code == 0);
}

Check ImagesTotal(std::string expected) {
  return That("vers-local holds " + expected + " images", [=](Context& ctx) {
    auto images = ctx.vers->Api("GET", "/images");
    if (!images.ok()) return images.status();
    auto total = Field(images.value(), "/total");
    return total.ok() ? Same(total.value(), expected) : total.status();
  });
}

Check ApiListsImage() {
  return That("the API lists it with the id in state", [](Context& ctx) {
    auto images = ctx.vers->Api("GET", "/images");
    if (!images.ok()) return images.status();
    auto rows = FlattenRows(images.value(), "/images");
    if (!rows.ok()) return rows.status();
    for (FlatMap& image : rows.value())
      if (image["image_name"] == "e2e-tools")
        return Same(image["base_image_id"], ctx.workspace.Outputs().value()["image_id"]);
    return Status::NotFound("no image e2e-tools");
  });
}

Check ImageInUseKept() {
  return That("an image used by a VM is kept (409), and says so", [](Context& ctx) {
    auto deleted =
        ctx.vers->Api("DELETE", "/images/images/" + ctx.workspace.Outputs().value()["image_id"]);
    if (deleted.ok()) return Status::Error("it was deleted");
    if (deleted.status().message().find("HTTP 409") == std::string::npos ||
        deleted.status().message().find("in use by VM") == std::string::npos)
      return Status::Error("not a 409 naming the VM: " + deleted.status().message());
    return Status::Ok();
  });
}

// The imported image (and the other resources, not imported) plan.
Check ImportedImageUpdatedInPlace() {
  return That("an imported image is updated in place, never replaced", [](Context& ctx) {
    auto actions = ctx.workspace.PlannedActions();
    if (!actions.ok()) return actions.status();
    std::string got;
    for (const std::string& a : actions.value())
      if (a.find("base_image") != std::string::npos) got += a + "\n";
    return Same(got, "vers_base_image.tools update\n");
  });
}

}  // namespace

TEST_CASE("vers_base_images") {
  Run("vers_base_images",
      {.vers_local = true,
       .steps =
           {{.name =
                 "apply uploads the image, boots a VM from it and finds the archive's file in it",
             .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kMainTf}},
             .pre_config = MakeArchive,
             .checks = {Output("status", "ready"), ApiListsImage(), Output("names.#", "1"),
                        Output("names.0", "e2e-tools"), ImageInUseKept()},
             // By its name; the API does not report what the image was made
             // from, so the first apply records these inputs in place.
             .imports = {{.address = "vers_base_image.tools",
                          .id = [](const FlatMap&) { return std::string("e2e-tools"); },
                          .ignore = {"archive_path", "size_mib", "triggers"}}},
             .import_plan_empty = false,
             .import_checks = {Do("the import workspace has the archive too",
                                  CopyFrom("", "rootfs.tar.gz")),
                               ImportedImageUpdatedInPlace()}},
            {.name = "the original state still plans empty",
             .command = Command::kNone,
             .checks = {PlanEmpty()}},
            {.name = "destroy",
             .command = Command::kDestroy,
             .checks = {ImagesTotal("0"), VersCounters("0 0 0")}},
            {.name = "an archive tar cannot read fails the apply; the image is recorded, tainted",
             .files = {{"main.tf", kBadArchiveTf}},
             .pre_config =
                 [](Context& ctx) { ctx.workspace.Write("rootfs.tar.gz", "not an archive\n"); },
             .expect_error = "not a readable tar archive",  // the API's reason
             .checks = {InState("vers_base_image.bad")}},
            {.name = "bad inputs fail validation, each named with what is accepted",
             .subdir = "bad",
             .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kBadInputsTf}},
             .command = Command::kValidate,
             .expect_error = R"(archive_path "/nonexistent/rootfs.tar" cannot be opened)",
             .expect_output = {"Set exactly one of archive_path", "is \"default\"",
                               "s3_bucket and s3_key go together"}}},
       // The failed image goes with the destroy.
       .after_destroy = {ImagesTotal("0")}});
}

}  // namespace vers::acceptance
