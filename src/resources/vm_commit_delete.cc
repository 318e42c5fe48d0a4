// vers_vm_commit's destroy: deleting the commit once nothing uses it,
// waiting out a short conflict, and naming what still blocks it otherwise.
#include <thread>

#include "resources/framework.h"
#include "resources/vm_commit.h"
#include "resources/vm_common.h"

namespace vers::resources {

namespace {

constexpr std::chrono::seconds kBlockedFor{25};

// What blocks deleting `commit_id` and how to remove it, for the error.
std::string BlockersHelp(client::VersClient& api, const std::string& commit_id,
                         client::Deadline deadline) {
  std::string help =
      "\n\nSomething outside this Terraform state still uses the commit. A tag pointing at it: "
      "delete the tag (DELETE /api/v1/commit_tags/<name>, or for a repository tag "
      "DELETE /api/v1/repositories/<repo>/tags/<tag>) or import it as a vers_commit_tag or "
      "vers_repository_tag (a tag that moves to a replacement commit needs the commit's "
      "create_before_destroy). ";
  auto vms = api.VmsFromCommit(commit_id, deadline);
  if (!vms.ok())
    return help + "The VMs made from it could not be listed: " + vms.status().message();
  if (vms.value().empty()) return help + "No VM made from it remains.";
  help += "VMs made from it:";
  for (const auto& vm : vms.value()) {
    help += "\n  - " + vm.vm_id + " (" + vm.state;
    auto type = vm.labels.find(client::kResourceTypeLabel);
    if (type != vm.labels.end()) help += ", made by " + type->second;
    help += ")";
  }
  return help +
         "\nRemove each with DELETE /api/v1/vm/<id> (or `terraform import` it into a "
         "vers_vm_restore), then destroy again. The guide \"Finding leftovers\" shows how to list "
         "them with data \"vers_vms\".";
}

}  // namespace

void VmCommit::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  if (values::Get(req.state, kCommit.retain_on_destroy).value_or(false)) return;
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::Get(req.state, kCommit.commit_id);
  if (api == nullptr || !id) return;
  auto deadline = DeadlineFor(req.state, "delete", std::chrono::minutes(10));
  // A 409 while VMs restored from it are still going away is waited out, for
  // at most kBlockedFor: what still blocks it then is not in this state (a
  // VM a killed provider made, or another configuration's), and waiting the
  // whole delete timeout would not change that (issue 10, item 2).
  const auto blocked_until = std::min(deadline, std::chrono::steady_clock::now() + kBlockedFor);
  auto delay = std::chrono::milliseconds(200);
  while (true) {
    Status s = api->DeleteCommit(*id, deadline);
    if (s.ok() || s.is_not_found()) return;
    if (!s.is_conflict() || req.ctx.stopped() ||
        std::chrono::steady_clock::now() + delay >= blocked_until) {
      if (!s.is_conflict()) return AddApiError(resp.diagnostics, "Cannot delete commit " + *id, s);
      return resp.diagnostics.AddError("Cannot delete commit " + *id,
                                       s.message() + BlockersHelp(*api, *id, deadline));
    }
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(3000));
  }
}

}  // namespace vers::resources
