// Issue 15, items 1 and 4, against vers-local: repositories, repository tags,
// a fork of a public repository, restores and branches by `repo:tag`, commits
// renamed and published in place, and the repository and commit data sources:
// apply -> re-plan empty -> in-place updates -> import into a fresh state,
// every attribute verified, and re-plan empty -> destroy -> vers-local holds
// nothing.
//
// What vers-local does here follows the real API: the orchestrator's
// repository route tests (public views without a key, 409 on taken names,
// private repositories invisible under /public) and hdresearch/vers-cli
// cmd/repo.go (a fork makes a VM, commits it and tags the commit in a new
// repository; deleting a repository deletes its tags, not the commits).
#include <catch2/catch.hpp>

#include "checks.h"
#include "support/configs.h"
#include "support/vers_repositories_config.h"

namespace vers::acceptance {
namespace {

// A check that the Vers API's answer to GET PATH (from the outputs), at
// POINTER, equals EXPECTED (from the outputs).
using FromOutputs = std::function<std::string(FlatMap&)>;
Check ApiIs(std::string what, FromOutputs path, std::string pointer, FromOutputs expected) {
  return That(std::move(what), [=](Context& ctx) {
    auto outputs = ctx.workspace.Outputs();
    if (!outputs.ok()) return outputs.status();
    auto answer = ctx.vers->Api("GET", path(outputs.value()));
    if (!answer.ok()) return answer.status();
    auto got = Field(answer.value(), pointer);
    return got.ok() ? Same(got.value(), expected(outputs.value())) : got.status();
  });
}

FromOutputs Out(std::string name) {
  return [name](FlatMap& o) { return o[name]; };
}

Check Repositories(std::string expected) {
  return That("vers-local holds " + expected + " repositories", [=](Context& ctx) {
    auto list = ctx.vers->Api("GET", "/repositories");
    if (!list.ok()) return list.status();
    auto flat = Flatten(list.value());
    return flat.ok() ? Same(flat.value()["repositories.#"], expected) : flat.status();
  });
}

std::vector<Check> AppliedChecks() {
  // root, two restores, the branch and the fork's VM; base, second and the fork's commit.
  return {VersCounters("5 3 0"),
          Output("reference", "images:stable"),
          OutputPair("restore_parent", "base_commit"),
          OutputPair("branch_parent", "base_commit"),
          Outputs("the fork's repository tags the fork's own commit",
                  [](FlatMap& o) {
                    return Same(o["fork_tags.#"] + " " + o["fork_tags.0"],
                                "1 images-fork:v1=" + o["fork_commit"]);
                  }),
          ApiIs(
              "the fork's VM is the parent of its commit",
              [](FlatMap& o) { return "/vm/commits/" + o["fork_commit"] + "/parents"; },
              "/0/parent_vm_id", Out("fork_vm")),
          ApiIs(
              "the fork's VM came from the source tag's commit",
              [](FlatMap& o) { return "/vm/" + o["fork_vm"] + "/metadata"; }, "/parent_commit_id",
              Out("base_commit")),
          ApiIs(
              "the fork's VM is labelled as managed by Terraform",
              [](FlatMap& o) { return "/vm/" + o["fork_vm"] + "/status"; },
              "/labels/terraform-provider-vers.resource",
              [](FlatMap&) { return std::string("vers_repository"); }),
          Outputs("data vers_public_repository lists its tags",
                  [](FlatMap& o) {
                    return Same(o["public_tags.#"] + " " + o["public_tags.0"], "1 stable");
                  }),
          Outputs("data vers_commits lists a lineage, the commit first",
                  [](FlatMap& o) {
                    return Same(o["lineage.#"] + " " + o["lineage.0"] + " " + o["lineage.1"],
                                "2 " + o["second_commit"] + " " + o["base_commit"]);
                  }),
          Output("public_commits.#", "0")};  // no commit is public yet
}

std::vector<Check> UpdatedChecks() {
  return {
      ApiIs(
          "the API has the commit renamed",
          [](FlatMap& o) { return "/vm/commits/" + o["base_commit"] + "/parents"; }, "/0/name",
          [](FlatMap&) { return std::string("base-renamed"); }),
      ApiIs(
          "and public", [](FlatMap& o) { return "/vm/commits/" + o["base_commit"] + "/parents"; },
          "/0/is_public", [](FlatMap&) { return std::string("true"); }),
      ApiIs(
          "the API has the tag moved",
          [](FlatMap&) { return std::string("/repositories/images/tags/stable"); }, "/commit_id",
          Out("second_commit")),
      That("the fork is listed as public (without a key)",
           [](Context& ctx) {
             auto list = ctx.vers->PublicApi("GET", "/public/repositories");
             if (!list.ok()) return list.status();
             return list.value().find("images-fork") != std::string::npos
                        ? Status::Ok()
                        : Status::Error("it lists " + list.value());
           }),
      Outputs("data vers_commits lists the public commit", [](FlatMap& o) {
        return Same(o["public_commits.#"] + " " + o["public_commits.0"], "1 " + o["base_commit"]);
      })};
}

ImportVerify Import(std::string address, std::function<std::string(const FlatMap&)> id = nullptr) {
  return {.address = std::move(address), .id = std::move(id)};
}

std::vector<ImportVerify> EveryResource() {
  auto by_ref = [](const FlatMap& a) { return a.at("id") + ":ref=images:stable"; };
  return {Import("vers_vm.root",
                 [](const FlatMap& a) {
                   return a.at("id") +
                          ":vcpu_count=1,mem_size_mib=512,fs_size_mib=1024,image_name=default,"
                          "kernel_name=default.bin";
                 }),
          Import("vers_vm_commit.base"),
          Import("vers_vm_commit.second"),
          Import("vers_repository.images"),
          Import("vers_repository.fork",
                 [](const FlatMap& a) {
                   return a.at("id") + ":fork_from=" + a.at("fork_from") + ",fork_tag_name=v1";
                 }),
          Import("vers_repository_tag.stable"),
          Import("vers_vm_restore.by_ref", by_ref),
          Import("vers_vm_restore.from_base"),
          Import("vers_vm_branch.by_ref", by_ref)};
}

}  // namespace

TEST_CASE("vers_repositories") {
  Run("vers_repositories",
      {.vers_local = true,
       .steps =
           {{.name = "apply creates every resource",
             .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kVersRepositoriesTf}},
             .checks = AppliedChecks()},
            // In place: move the tag, rename and publish the commit, publish the fork.
            {.name = "moving a tag, renaming or publishing a commit and publishing a repository",
             .files = {{"terraform.tfvars",
                        "tag_target  = \"second\"\ncommit_name = \"base-renamed\"\npublic      = "
                        "true\n"}},
             .expect_actions = {{"vers_repository.fork update", "vers_repository_tag.stable update",
                                 "vers_vm_commit.base update"}},
             .checks = UpdatedChecks()},
            // Bad input is named at validation, with what is accepted.
            {.name = "a malformed ref fails validation",
             .files = {{"bad.tf", kBadRefsTf}},
             .command = Command::kValidate,
             .expect_error = R"("images" is not of the form "repo:tag")",
             .expect_output = {R"(the tag name "no spaces" must be 1-64 letters)",
                               R"(is not of the form "org/repo:tag")"}},
            {.name = "every resource imports into a fresh state",
             .files = {{"bad.tf", ""}},
             .command = Command::kNone,
             .imports = EveryResource(),  // verifies fork_vm_id too: the imported fork knows its VM
             .keep_imported_state = true},
            // Every answer to a POST is lost after the work is done: the repository, the
            // tag and the restore by ref are each made once, found again by name (the
            // tag, the repository) or as the tag's commit's new VM, and recorded.
            {.name = "apply succeeds although every create's answer is lost",
             .files = {{"lost.tf", kLostRepositoryTf}},
             .pre_config =
                 [](Context& c) {
                   REQUIRE(c.vers
                               ->Admin("POST", "/faults",
                                       R"({"lose_response_rate":1,"only":"POST /api/v1/"})")
                               .ok());
                 },
             .after_command =
                 [](Context& c) { REQUIRE(c.vers->Admin("POST", "/faults", "{}").ok()); },
             .checks = {Repositories("3"),
                        That("one tag was made",
                             [](Context& ctx) {
                               auto tags = ctx.vers->Api("GET", "/repositories/lost/tags");
                               if (!tags.ok()) return tags.status();
                               auto flat = Flatten(tags.value());
                               return flat.ok() ? Same(flat.value()["tags.#"], "1") : flat.status();
                             }),
                        VersCounters("6 3 0")}}},
       // Destroy from the imported state: the fork's VM and commit go with it.
       .after_destroy = {VersCounters("0 0 0"), Repositories("0")}});
}

}  // namespace vers::acceptance
