// Waiting for a VM to reach a state, and filling a new VM's computed
// attributes from the answer that ended the wait.
#include <thread>

#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {
namespace {

// Polls `read` (which answers the VM's state and keeps what else it read)
// with backoff until the state is `want`, a state NextWaitStep stops at, the
// deadline or Ctrl-C.
Status PollVmState(const ProviderContext& ctx, const std::string& vm_id, const std::string& want,
                   client::Deadline deadline, const std::function<Result<std::string>()>& read) {
  auto delay = std::chrono::milliseconds(100);
  std::string last;
  while (true) {
    auto state = read();
    if (!state.ok()) return state.status();
    last = state.value();
    switch (NextWaitStep(last, want)) {
      case WaitStep::kDone:
        return Status::Ok();
      case WaitStep::kStop:
        return Status::Error(
            "VM " + vm_id + " became " + (last.empty() ? "(no state)" : last) +
            " while the provider waited for it to be " + want + ", which it will not become " +
            "by itself, so the wait stopped" +
            (last == "dead" ? " (the VM died)." : ". Something else changed its state."));
      case WaitStep::kPoll:
        break;
    }
    if (ctx.stopped()) return Status::Cancelled("cancelled while waiting for VM " + vm_id);
    if (std::chrono::steady_clock::now() + delay >= deadline) {
      return Status::Timeout("VM " + vm_id + " was still " + last + ", not " + want +
                             ", when the timeout ran out");
    }
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(2000));
  }
}

}  // namespace

WaitStep NextWaitStep(const std::string& state, const std::string& want) {
  if (state == want) return WaitStep::kDone;
  if (state == "booting") return WaitStep::kPoll;
  if (want == "paused" && state == "running") return WaitStep::kPoll;
  return WaitStep::kStop;
}

Status WaitForVmState(client::VersClient& api, const ProviderContext& ctx, const std::string& vm_id,
                      const std::string& want, client::Deadline deadline) {
  return PollVmState(ctx, vm_id, want, deadline, [&]() -> Result<std::string> {
    auto vm = api.GetVmStatus(vm_id, deadline);
    if (!vm.ok()) return vm.status();
    return vm.value().state;
  });
}

Result<client::VmMetadata> WaitForVmMetadata(client::VersClient& api, const ProviderContext& ctx,
                                             const std::string& vm_id, const std::string& want,
                                             client::Deadline deadline) {
  client::VmMetadata last;
  Status s = PollVmState(ctx, vm_id, want, deadline, [&]() -> Result<std::string> {
    auto meta = api.GetVmMetadata(vm_id, deadline);
    if (!meta.ok()) return meta.status();
    last = std::move(meta.value());
    return last.state;
  });
  if (!s.ok()) return s;
  return last;
}

Status FillNewVmState(provider::VersContext& ctx, client::VersClient& api, const std::string& vm_id,
                      const client::VmMetadata& meta, values::ObjectBuilder& out,
                      client::Deadline deadline) {
  out.Set(kVm.id, vm_id)
      .Set(kVm.state, meta.state)
      .Set(kVm.ssh_host, ctx.SshHost(vm_id))
      .Set(kVm.ssh_port, ctx.settings().ssh_tls_port)
      .Set(kVm.created_at, meta.created_at)
      .Set(kVm.ip, meta.ip)
      .SetOrNull(kVm.parent_commit_id, meta.parent_commit_id);
  // The key is asked for only when it is to be stored: vers_provision and
  // vers_vm_ssh_key read it themselves when they need it.
  if (!ctx.settings().store_ssh_private_key) {
    out.SetNull(kVm.ssh_private_key);
    return Status::Ok();
  }
  auto key = api.GetSshKey(vm_id, deadline);
  if (!key.ok()) return key.status();
  out.Set(kVm.ssh_private_key, key.value().private_key);
  return Status::Ok();
}

}  // namespace vers::resources
