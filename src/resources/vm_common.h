// What every VM-producing resource shares (vers_vm, vers_vm_restore,
// vers_vm_branch): the computed attributes, how they are read from the API,
// waiting for a state, and patient deletion.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "client/vers_client.h"
#include "plugin/resource.h"
#include "plugin/schema/attr.h"
#include "plugin/values.h"
#include "resources/context.h"
#include "resources/framework.h"

namespace vers::resources {

// The computed attributes every VM resource has.
struct VmAttrs : schema::AttrSet {
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<std::string> state{this, "state"};
  schema::Attr<std::string> ssh_host{this, "ssh_host"};
  schema::Attr<int64_t> ssh_port{this, "ssh_port"};
  schema::Attr<std::string> ssh_private_key{this, "ssh_private_key"};
  schema::Attr<std::string> created_at{this, "created_at"};
  schema::Attr<std::string> ip{this, "ip"};
  schema::Attr<std::string> parent_commit_id{this, "parent_commit_id"};
};
extern const VmAttrs kVm;

// What only vers_vm configures; the code shared with the other VM resources
// acts on them when the resource has them.
struct VmConfigAttrs : schema::AttrSet {
  schema::Attr<schema::StringMap> labels{this, "labels"};
  schema::Attr<bool> paused{this, "paused"};
};
extern const VmConfigAttrs kVmConfig;

// kVm's attributes, declared: id, state, ssh_host, ssh_port, ssh_private_key
// (sensitive), created_at, ip, parent_commit_id, all computed.
std::vector<schema::Attribute> VmComputedAttributes();

// The deadline of operation `op` from the resource's `timeouts` block.
client::Deadline DeadlineFor(const cty::Value& resource, const std::string& op,
                             std::chrono::milliseconds fallback);

// Sets the computed VM attributes of `out` for `vm_id`: state and created_at
// from GET /vm/{id}/status, ssh_host and ssh_port from the settings; with
// `details`, also ip and parent_commit_id (metadata) and ssh_private_key
// (ssh_key), which never change.
Status FillVmState(provider::VersContext& ctx, client::VersClient& api, const std::string& vm_id,
                   bool details, values::ObjectBuilder& out, client::Deadline deadline);

// What a wait for state `want` does on seeing `state`: done; poll again (a
// state on the way to `want`: booting for running, as hdresearch/vers-cli
// utils/wait.go; booting or running for paused); or stop at once (any other
// state, e.g. a VM paused or dead while booting, will not reach `want` by
// itself).
enum class WaitStep { kDone, kPoll, kStop };
WaitStep NextWaitStep(const std::string& state, const std::string& want);

// Polls the VM's status until it is `want` ("running", "paused"), with
// backoff, until the deadline or Ctrl-C; a state NextWaitStep stops at ends
// the wait at once with an error naming the state.
Status WaitForVmState(client::VersClient& api, const ProviderContext& ctx, const std::string& vm_id,
                      const std::string& want, client::Deadline deadline);

// As WaitForVmState, polling GET /vm/{id}/metadata instead, whose answer
// (spec VmMetadataResponse: state, created_at and ip required) also carries
// everything a new VM's state needs but its key: the metadata that ended
// the wait. One call when the VM is already `want`.
Result<client::VmMetadata> WaitForVmMetadata(client::VersClient& api, const ProviderContext& ctx,
                                             const std::string& vm_id, const std::string& want,
                                             client::Deadline deadline);

// Sets the computed VM attributes of a VM just made from its metadata `meta`,
// plus ssh_private_key from GET /vm/{id}/ssh_key when the provider stores keys
// (null, and no call, otherwise). Labels are left as planned.
Status FillNewVmState(provider::VersContext& ctx, client::VersClient& api, const std::string& vm_id,
                      const client::VmMetadata& meta, values::ObjectBuilder& out,
                      client::Deadline deadline);

// Deletes the VM, waiting out 409 answers (its children are still going away)
// until the deadline. A VM already gone is success.
Status DeleteVmPatiently(client::VersClient& api, const ProviderContext& ctx,
                         const std::string& vm_id, client::Deadline deadline);

// ReadResource for VM resources: one status call per refresh; the details
// are fetched only when the state lacks them (after import).
void ReadVm(const ReadRequest& req, ReadResponse& resp);

// Applies `paused` (when set in the plan) to the VM.
Status ApplyPaused(client::VersClient& api, const ProviderContext& ctx, const std::string& vm_id,
                   const cty::Value& plan, client::Deadline deadline);

// An error diagnostic for a failed API call.
void AddApiError(Diagnostics& diags, const std::string& summary, const Status& status);

}  // namespace vers::resources
