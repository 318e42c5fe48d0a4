// API calls per created VM and per refresh, counted by vers-local
// (GET /_admin/requests: authorized /api/v1 requests by spec operationId).
//
// A new VM's state needs: its id (the create's answer: NewVmResponse carries
// only vm_id, spec orchestrator.openapi.json and hdresearch/vers-cli
// internal/handlers/run_commit.go), the managed-by labels on a restore (the
// spec's FromCommitVmRequest takes none, so PATCH /vm/{id}/label), the state,
// created_at and ip (VmMetadataResponse requires all three, and parent_commit_id
// is there too, so one metadata read both ends the wait for "running" and fills
// the state) and, when keys are stored, the key (only GET /vm/{id}/ssh_key has
// it). So: restore 4 calls (3 without stored keys), root VM 3 (new_root carries
// the labels). A refresh is one call per resource. Reads of the metadata
// repeated while a VM still boots are counted apart: how many there are depends
// on how fast vers-local boots.
#include <catch2/catch.hpp>
#include <cstdio>
#include <iostream>

#include "checks.h"
#include "support/configs.h"

namespace vers::acceptance {
namespace {

constexpr char kNoKeyProviderTf[] = R"(provider "vers" {
  alias                 = "nokey"
  ca_cert_file          = "{{CA}}"
  store_ssh_private_key = false
}
)";

constexpr char kBaseTf[] = R"(resource "vers_vm" "base" {
  mem_size_mib = 512
  fs_size_mib  = 1024
}
resource "vers_vm_commit" "base" { vm_id = vers_vm.base.id }
)";

constexpr char kRestoresTf[] = R"(resource "vers_vm_restore" "r" {
  count     = 3
  commit_id = vers_vm_commit.base.commit_id
}
resource "vers_vm_restore" "nokey" {
  provider  = vers.nokey
  commit_id = vers_vm_commit.base.commit_id
}
)";

FlatMap Requests(Context& ctx) {
  auto answer = ctx.vers->Admin("GET", "/requests");
  REQUIRE(answer.ok());
  auto counts = Flatten(answer.value());
  REQUIRE(counts.ok());
  return counts.value();
}

// pre_config: the request counts before the step.
void CountFromHere(Context& ctx) {
  ctx.vars["requests"] = ctx.vers->Admin("GET", "/requests").value();
}

// The calls since CountFromHere, made by creating N VMs (or refreshing N
// resources): "per_vm" is the calls per VM, repeated metadata reads apart;
// every other key an operationId's count.
FlatMap CallsSince(Context& ctx, int n) {
  FlatMap before = Flatten(ctx.vars["requests"]).value(), after = Requests(ctx), delta;
  for (const auto& [op, count] : after) {
    if (op == "%") continue;
    long d = std::stol(count) - (before.contains(op) ? std::stol(before[op]) : 0);
    if (d != 0) delta[op] = std::to_string(d);
  }
  auto count = [&](const char* op) { return delta.contains(op) ? std::stol(delta[op]) : 0L; };
  long repeated = std::max(count("get_vm_metadata") - n, 0L);
  char per_vm[32];
  std::snprintf(per_vm, sizeof per_vm, "%g", double(count("total") - repeated) / n);
  delta["per_vm"] = per_vm;
  return delta;
}

// The fields OPS (space-separated values, "" when none) of CallsSince(N).
Check CallsAre(std::string what, int n, std::vector<std::string> ops, std::string expected) {
  return That(std::move(what), [=](Context& ctx) {
    int count = n > 0 ? n : int(ctx.workspace.Resources().value().size());
    FlatMap calls = CallsSince(ctx, count);
    std::string got;
    for (size_t i = 0; i < ops.size(); ++i) got += (i ? " " : "") + calls[ops[i]];
    std::cout << what << ": per_vm=" << calls["per_vm"] << "\n";
    return Same(got, expected);
  });
}

// The attributes filled from the metadata are those the API reports.
Check RestoresRecordMetadata() {
  return That("restores record ip, created_at, parent_commit_id and (stored) the key",
              [](Context& ctx) {
                auto resources = ctx.workspace.Resources();
                if (!resources.ok()) return resources.status();
                std::string commit = resources.value()["vers_vm_commit.base"]["commit_id"], keys;
                int restores = 0;
                for (auto& [address, r] : resources.value()) {
                  if (!address.starts_with("vers_vm_restore.")) continue;
                  ++restores;
                  if (r["ip"].empty() || r["created_at"].empty() || r["state"] != "running" ||
                      r["parent_commit_id"] != commit)
                    return Status::Error(address + " lacks what the metadata reports");
                  keys += r["ssh_private_key"].empty() ? "-" : "k";
                }
                return Same(std::to_string(restores) + " " + keys, "4 -kkk");  // nokey sorts first
              });
}

}  // namespace

TEST_CASE("vers_api_calls") {
  Run("vers_api_calls",
      {.vers_local = true,
       .steps =
           {{.name = "the base VM and its commit are made",
             .files = {{"provider.tf", std::string(kVersProviderTf) + kNoKeyProviderTf},
                       {"main.tf", kBaseTf}},
             .pre_config = CountFromHere,
             .checks =
                 {CallsAre("a root VM takes new_root, metadata and ssh_key, and no status read", 1,
                           {"create_new_root_vm", "ssh_key", "vm_status"}, "1 1 "),
                  CallsAre("a root VM takes 3 calls, its commit 2 (commit_vm, list_parent_commits "
                           "to read it back)",
                           1, {"per_vm", "commit_vm", "list_parent_commits"}, "5 1 1")}},
            {.name = "3 restores are made",
             .files = {{"main.tf", std::string(kBaseTf) + kRestoresTf}},
             .pre_config = CountFromHere,
             .args = {"-refresh=false", "-target=vers_vm_restore.r"},
             .checks = {CallsAre("each restore: from_commit, label, ssh_key once, no status read",
                                 3, {"restore_from_commit", "label_vm", "ssh_key", "vm_status"},
                                 "3 3 3 "),
                        CallsAre("a restore takes 4 calls", 3, {"per_vm"}, "4")},
             .plan_empty_after = false},  // the keyless restore is still to make
            {.name = "a restore without a stored key is made",
             .pre_config = CountFromHere,
             .args = {"-refresh=false"},
             .checks = {CallsAre("a restore without a stored key takes 3 calls, no ssh_key", 1,
                                 {"per_vm", "ssh_key"}, "3 "),
                        RestoresRecordMetadata()},
             .plan_empty_after = false},  // the next step counts that plan's calls
            {.name = "a refresh-and-plan finds nothing to change",
             .pre_config = CountFromHere,
             .command = Command::kNone,
             .checks = {PlanExits({}, 0),
                        CallsAre("a refresh takes one call per resource", 0, {"per_vm"}, "1")}}},
       .after_destroy = {VersCounters("0 0 0")}});
}

}  // namespace vers::acceptance
