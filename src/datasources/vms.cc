#include "datasources/vms.h"

#include <algorithm>

#include "plugin/values.h"
#include "resources/context.h"

namespace vers::datasources {

using cty::Type;
using cty::Value;
using schema::Attribute;

namespace {

auto Deadline() { return std::chrono::steady_clock::now() + std::chrono::minutes(5); }

Type VmObjectType() {
  return Type::Object({{"id", Type::String()},
                       {"state", Type::String()},
                       {"created_at", Type::String()},
                       {"labels", Type::Map(Type::String())},
                       {"ssh_host", Type::String()}});
}

Value VmObject(provider::VersContext& ctx, const client::Vm& vm) {
  return Value::ObjectOfType(VmObjectType(), {{"id", Value::String(vm.vm_id)},
                                              {"state", Value::String(vm.state)},
                                              {"created_at", Value::String(vm.created_at)},
                                              {"labels", values::StringMapValue(vm.labels)},
                                              {"ssh_host", Value::String(ctx.SshHost(vm.vm_id))}});
}

Type CommitObjectType() {
  return Type::Object({{"commit_id", Type::String()},
                       {"name", Type::String()},
                       {"created_at", Type::String()},
                       {"description", Type::String()},
                       {"parent_vm_id", Type::String()},
                       {"grandparent_commit_id", Type::String()},
                       {"is_public", Type::Bool()}});
}

}  // namespace

Vms::Vms() {
  schema_.block.description =
      "The VMs the API key can see, optionally filtered by state and labels.";
  schema_.block.attributes = {
      Attribute::String("state").Optional().Description("Only VMs in this state (e.g. `running`)."),
      Attribute::Map("labels", Type::String())
          .Optional()
          .Description("Only VMs carrying all these labels."),
      Attribute::List("vms", VmObjectType())
          .Computed()
          .Description("The matching VMs: `id`, `state`, `created_at`, `labels`, `ssh_host`."),
      Attribute::List("ids", Type::String()).Computed().Description("The ids of the matching VMs."),
  };
}

void Vms::Read(const ReadDataRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto vms = api->ListVms(Deadline());
  if (!vms.ok()) {
    resp.diagnostics.AddError("Cannot list VMs", vms.status().message());
    return;
  }
  auto state = values::String(req.config, "state");
  auto labels = values::StringMap(req.config, "labels");
  Value::Elements list, ids;
  for (const auto& vm : vms.value()) {
    if (state && vm.state != *state) continue;
    bool match = true;
    for (const auto& [k, v] : labels) {
      auto it = vm.labels.find(k);
      match = match && it != vm.labels.end() && it->second == v;
    }
    if (!match) continue;
    list.push_back(VmObject(ctx, vm));
    ids.push_back(Value::String(vm.vm_id));
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set("vms", Value::List(VmObjectType(), std::move(list)))
                   .Set("ids", Value::List(Type::String(), std::move(ids)))
                   .Build();
}

OneVm::OneVm() {
  schema_.block.description = "One VM, by id.";
  schema_.block.attributes = {
      Attribute::String("id").Required().Description("The VM's id."),
      Attribute::String("state").Computed().Description("The VM's state."),
      Attribute::String("created_at").Computed().Description("When the VM was created."),
      Attribute::Map("labels", Type::String()).Computed().Description("The VM's labels."),
      Attribute::String("ssh_host")
          .Computed()
          .Description("SSH-over-TLS host name: `<id>.<vm_domain>`."),
      Attribute::String("ip").Computed().Description("The VM's IP address."),
      Attribute::String("parent_commit_id")
          .Computed()
          .Description("The commit it came from, if any."),
  };
}

void OneVm::Read(const ReadDataRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  auto id = values::String(req.config, "id");
  if (api == nullptr || !id) return;
  auto vm = api->GetVmStatus(*id, Deadline());
  auto meta =
      vm.ok() ? api->GetVmMetadata(*id, Deadline()) : Result<client::VmMetadata>(vm.status());
  if (!meta.ok()) {
    resp.diagnostics.AddError("Cannot read VM " + *id, meta.status().message(),
                              AttributePath::Root("id"));
    return;
  }
  resp.state = values::ObjectBuilder(req.config)
                   .SetString("state", vm.value().state)
                   .SetString("created_at", vm.value().created_at)
                   .Set("labels", values::StringMapValue(vm.value().labels))
                   .SetString("ssh_host", ctx.SshHost(*id))
                   .SetString("ip", meta.value().ip)
                   .Set("parent_commit_id", values::StringOrNull(meta.value().parent_commit_id))
                   .Build();
}

Commits::Commits() {
  schema_.block.description =
      "Commits, optionally those with a given `name` or the one a `tag` points to. Use it to reuse "
      "an "
      "existing golden image instead of rebuilding it: `length(data.vers_commits.x.commits) > 0`.";
  schema_.block.attributes = {
      Attribute::String("name").Optional().Description("Only commits with this name."),
      Attribute::String("tag").Optional().Description("Only the commit this tag points to."),
      Attribute::Bool("public").Optional().Description(
          "List the public commits (anyone's, `GET /commits/public`) instead of the account's."),
      Attribute::String("parents_of")
          .Optional()
          .Description("List this commit and its ancestors to the root, in that order "
                       "(`GET /vm/commits/{id}/parents`): an image's lineage."),
      Attribute::List("commits", CommitObjectType())
          .Computed()
          .Description(
              "Matching commits, newest first (with `parents_of`: the commit, then its "
              "ancestors): `commit_id`, `name`, `created_at`, `description`, `parent_vm_id`, "
              "`grandparent_commit_id`, `is_public`."),
      Attribute::String("latest_commit_id")
          .Computed()
          .Description("The newest matching commit's id, or null."),
  };
}

void Commits::Read(const ReadDataRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto name = values::String(req.config, "name");
  auto tag = values::String(req.config, "tag");
  std::optional<std::string> tagged;
  if (tag) {
    auto t = api->GetTag(*tag, Deadline());
    if (!t.ok() && !t.status().is_not_found()) {
      resp.diagnostics.AddError("Cannot read tag " + *tag, t.status().message(),
                                AttributePath::Root("tag"));
      return;
    }
    tagged = t.ok() ? t.value().commit_id : "";  // a missing tag matches nothing
  }
  auto parents_of = values::String(req.config, "parents_of");
  if (parents_of && values::Bool(req.config, "public").value_or(false)) {
    resp.diagnostics.AddError("Conflicting arguments",
                              "Set at most one of public and parents_of: a lineage lists the "
                              "commit's own ancestors.",
                              AttributePath::Root("parents_of"));
    return;
  }
  auto commits = parents_of ? api->CommitLineage(*parents_of, Deadline())
                 : values::Bool(req.config, "public").value_or(false)
                     ? api->ListPublicCommits(Deadline())
                     : api->ListCommits(Deadline());
  if (!commits.ok()) {
    resp.diagnostics.AddError(
        parents_of ? "Cannot list the parents of commit " + *parents_of
                   : std::string("Cannot list commits"),
        commits.status().message(),
        parents_of ? std::optional(AttributePath::Root("parents_of")) : std::nullopt);
    return;
  }
  std::vector<client::Commit> matching;
  for (const auto& c : commits.value()) {
    if ((name && c.name != *name) || (tagged && c.commit_id != *tagged)) continue;
    matching.push_back(c);
  }
  if (!parents_of) {  // a lineage keeps the API's order: the commit, then its ancestors
    std::stable_sort(matching.begin(), matching.end(),
                     [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  }
  Value::Elements list;
  for (const auto& c : matching) {
    list.push_back(Value::ObjectOfType(
        CommitObjectType(),
        {{"commit_id", Value::String(c.commit_id)},
         {"name", Value::String(c.name)},
         {"created_at", Value::String(c.created_at)},
         {"description", values::StringOrNull(c.description)},
         {"parent_vm_id", values::StringOrNull(c.parent_vm_id)},
         {"grandparent_commit_id", values::StringOrNull(c.grandparent_commit_id)},
         {"is_public", Value::Bool(c.is_public)}}));
  }
  resp.state =
      values::ObjectBuilder(req.config)
          .Set("commits", Value::List(CommitObjectType(), std::move(list)))
          .Set("latest_commit_id", matching.empty() ? Value::Null(Type::String())
                                                    : Value::String(matching.front().commit_id))
          .Build();
}

}  // namespace vers::datasources
