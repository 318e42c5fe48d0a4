// Every Vers resource and data source against vers-local: apply -> re-plan
// empty -> in-place updates -> drift -> import into a fresh state, every
// attribute verified, and re-plan empty -> destroy -> vers-local holds nothing.
#include <catch2/catch.hpp>
#include <regex>

#include "checks.h"
#include "support/configs.h"
#include "support/vers_resources_config.h"

namespace vers::acceptance {
namespace {

// Output NAME equals output OTHER followed by SUFFIX ({{…}} expanded).
Check OutputIs(std::string what, std::string name, std::string other, std::string suffix) {
  return That(std::move(what), [=](Context& ctx) {
    auto outputs = ctx.workspace.Outputs();
    if (!outputs.ok()) return outputs.status();
    return Same(outputs.value()[name], outputs.value()[other] + ctx.Expand(suffix));
  });
}

std::string WithSuffix(const FlatMap& applied, const std::string& suffix) {
  return applied.at("id") + suffix;
}

ImportVerify Import(std::string address, std::string id_suffix = "") {
  ImportVerify import{.address = std::move(address)};
  if (!id_suffix.empty())
    import.id = [id_suffix](const FlatMap& applied) { return WithSuffix(applied, id_suffix);
};
return import;
}  // namespace

std::vector<ImportVerify> EveryResource() {
  return {Import("vers_vm.root",
                 ":vcpu_count=1,mem_size_mib=512,fs_size_mib=2048,image_name=default,kernel_name="
                 "default.bin"),
          Import("vers_vm_commit.base"),
          Import("vers_vm_commit.second"),
          Import("vers_commit_tag.golden"),
          Import("vers_vm_restore.by_id"),
          Import("vers_vm_restore.by_tag", ":tag=golden"),
          Import("vers_vm_branch.of_commit"),
          Import("vers_vm_branch.of_vm", ":from_vm")};
}

// A VM deleted outside Terraform (the branch of the base commit).
void DeleteBranchOutside(Context& ctx) {
  auto branch = ctx.workspace.Resource("vers_vm_branch.of_commit");
  REQUIRE(branch.ok());
  REQUIRE(ctx.vers->Api("DELETE", "/vm/" + branch.value().at("id")).ok());
}

// The Vers API reports no sizes (VmMetadataResponse, VM: orchestrator.openapi.json),
// so a VM imported by id alone has none in state.
Check ImportRootByIdAlone() {
  return That("import vers_vm.root by id alone", [](Context& ctx) {
    auto root = ctx.workspace.Resource("vers_vm.root");
    if (!root.ok()) return root.status();
    ctx.vars["root_id"] = root.value().at("id");
    if (Finished rm = ctx.workspace.Run({"state", "rm", "vers_vm.root"}); rm.exit_code != 0)
      return Status::Error(rm.output);
    Finished import = ctx.workspace.Run({"import", "vers_vm.root", ctx.vars["root_id"]});
    return import.exit_code == 0 ? Status::Ok() : Status::Error(import.output);
  });
}

// Generated configuration does not invent sizes the API cannot report.
Check GeneratedConfigInventsNoSizes() {
  return That("plan -generate-config-out writes the VM, inventing no sizes", [](Context& ctx) {
    Workspace gen(ctx.workspace.dir(), "gen");
    gen.SetEnvironment(ctx.workspace.environment());
    gen.Write("main.tf",
              ctx.Expand(std::string(kVersProviderTf) +
                         "import {\n  to = vers_vm.imported\n  id = \"{{root_id}}\"\n}\n"));
    Finished plan = gen.Run({"plan", "-generate-config-out=generated.tf"});
    std::string generated = ReadFile(gen.dir() + "/generated.tf");
    if (generated.find("resource \"vers_vm\" \"imported\"") == std::string::npos)
      return Status::Error("generated.tf lacks the VM; the plan said:\n" + plan.output);
    std::smatch size;
    if (std::regex_search(generated, size, std::regex("(vcpu_count|size_mib) *= *[0-9]")))
      return Status::Error("generated.tf invents " + size.str());
    return Status::Ok();
  });
}

}  // namespace vers::acceptance

TEST_CASE("vers_resources") {
  constexpr char kUpdated[] =
      "labels      = { env = \"e2e\", role = \"root\" }\nfs_size_mib = 2048\npaused      = true\n";
  Run("vers_resources",
      {.vers_local = true,
       .steps =
           {{.name = "apply creates every resource",
             .files = {{"provider.tf", kVersProviderTf}, {"main.tf", kVersResourcesTf}},
             .checks = {VersCounters("5 3 1"), Output("root_state", "running"),
                        OutputIs("ssh_host is <id>.<vm_domain>", "root_ssh_host", "root_id",
                                 ".{{VM_DOMAIN}}"),
                        // What a client dials is the TLS front (VERS_SSH_TLS_PORT here, 443
                        // on Vers: vers-cli internal/ssh/client.go), not ssh_key's ssh_port.
                        Output("root_ssh_port", "{{SSH_TLS_PORT}}"),
                        Output("branch_ssh_port", "{{SSH_TLS_PORT}}"),
                        Output("endpoint_ssh_port", "{{SSH_TLS_PORT}}"),
                        Output("key_is_openssh", "true"),
                        OutputPair("restore_parent", "base_commit"),
                        OutputPair("branch_parent", "base_commit"), Output("labelled_ids.#", "1"),
                        OutputPair("labelled_ids.0", "root_id"), Output("data_vm_state", "running"),
                        OutputPair("golden_commit", "base_commit")}},
            {.name = "labels, disk growth and pause are in-place updates",
             .files = {{"terraform.tfvars", kUpdated}},
             .expect_actions = {{"vers_vm.root update"}},
             .checks = {Output("root_state", "paused")}},
            {.name = "a smaller disk replaces the VM",
             .files = {{"terraform.tfvars",
                        std::regex_replace(kUpdated, std::regex("2048"), "1024")}},
             .command = Command::kPlan,
             .expect_output = {"vers_vm.root must be replaced", "# forces replacement"}},
            {.name = "moving the tag is an in-place update",
             .files = {{"terraform.tfvars", std::string(kUpdated) + "tag_target = \"second\"\n"}},
             .expect_actions = {{"vers_commit_tag.golden update"}}},
            {.name = "a VM deleted outside Terraform is planned for creation",
             .pre_config = DeleteBranchOutside,
             .command = Command::kPlan,
             .expect_output = {"vers_vm_branch.of_commit will be created"}},
            {.name = "apply recreates it; every resource imports into a fresh state",
             .imports = EveryResource(),
             .keep_imported_state = true},
            {.name = "import by id alone",
             .command = Command::kNone,
             .checks = {ImportRootByIdAlone(), GeneratedConfigInventsNoSizes()}},
            // The first plan takes the configured sizes (1 vCPU, 512 MiB, 2048 MiB
            // of disk, none the defaults) as an in-place update, never a replacement.
            {.name = "the first plan records the configured sizes in place",
             .expect_actions = {{"vers_vm.root update"}}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
