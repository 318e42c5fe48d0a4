// vers_image_layer's create: adopt the cached commit, or build, commit and
// publish the layer, with the build VM deleted in every outcome.
#include "base/log.h"
#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/image_layer.h"
#include "resources/image_layer_hash.h"
#include "resources/image_layer_parent.h"
#include "resources/image_layer_publish.h"
#include "resources/provision.h"
#include "resources/provision_run.h"
#include "resources/provision_upload.h"
#include "resources/vm_common.h"

namespace vers::resources {

namespace {

// The build VM: deleted when this goes out of scope, whatever happened (a
// warning names it when that fails, with how to find it).
class BuildVm {
 public:
  BuildVm(client::VersClient& api, const ProviderContext& ctx, Diagnostics& diags)
      : api_(api), ctx_(ctx), diags_(diags) {}
  BuildVm(const BuildVm&) = delete;
  BuildVm& operator=(const BuildVm&) = delete;
  ~BuildVm() { Delete(); }

  void Adopt(std::string vm_id) { vm_id_ = std::move(vm_id); }
  const std::string& id() const { return vm_id_; }
  // Deletes the VM now (a second call does nothing).
  void Delete() {
    if (vm_id_.empty()) return;
    // Its own deadline: the create's may be spent.
    Status s = DeleteVmPatiently(api_, ctx_, vm_id_,
                                 std::chrono::steady_clock::now() + std::chrono::minutes(2));
    if (!s.ok())
      diags_.AddWarning("Build VM " + vm_id_ + " was not deleted",
                        s.message() +
                            ". It is labelled terraform-provider-vers.resource = "
                            "\"vers_image_layer\": data \"vers_vms\" finds it; delete it with "
                            "DELETE /api/v1/vm/" +
                            vm_id_ + ".");
    vm_id_.clear();
  }

 private:
  client::VersClient& api_;
  const ProviderContext& ctx_;
  Diagnostics& diags_;
  std::string vm_id_;
};

// Makes the build VM from `parent` and waits for it to run.
Status StartBuildVm(client::VersClient& api, const ProviderContext& ctx, const cty::Value& plan,
                    const LayerParent& parent, BuildVm& vm, client::Deadline d) {
  Result<std::string> id = Status::Error("no parent");
  const std::string type = "vers_image_layer";
  if (parent.root) {
    client::VmConfig config;
    config.vcpu_count = values::Get(plan, kLayer.vcpu_count);
    config.mem_size_mib = values::Get(plan, kLayer.mem_size_mib);
    config.fs_size_mib = values::Get(plan, kLayer.fs_size_mib);
    config.labels = client::WithManagedLabels({}, type);
    id = api.NewRootVm(config, /*wait_boot=*/false, d);
  } else if (parent.layer_ref) {
    id = api.RestoreFromRef(*parent.layer_ref, d);
  } else {
    id = api.RestoreFromCommit(parent.commit_id, "", d);
  }
  if (!id.ok()) return id.status();
  vm.Adopt(id.value());
  if (!parent.root) {
    // A restore takes no labels: they are added now, so a VM left behind is
    // found as the provider's.
    Status s = api.SetLabels(vm.id(), client::WithManagedLabels({}, type), d);
    if (!s.ok()) log::Warn("build VM not labelled", {{"vm_id", vm.id()}, {"error", s.message()}});
  }
  auto meta = WaitForVmMetadata(api, ctx, vm.id(), "running", d);
  if (!meta.ok()) return meta.status();
  if (auto fs = values::Get(plan, kLayer.fs_size_mib); fs && !parent.root)
    return api.ResizeDisk(vm.id(), *fs, d);
  return Status::Ok();
}

// Uploads the files and runs the commands on the build VM; false with a
// diagnostic on failure.
bool ProvisionBuildVm(provider::VersContext& ctx, client::VersClient& api, const cty::Value& plan,
                      ProvisionInputs& in, const std::string& vm_id, client::Deadline d,
                      Diagnostics& diags) {
  in.vm_id = vm_id;
  SshTarget target{vm_id, std::nullopt, std::nullopt, KeepaliveInterval(plan)};
  auto session = ConnectToVm(ctx, api, target, d);
  if (!session.ok()) {
    AddApiError(diags, "Cannot reach build VM " + vm_id, session.status());
    return false;
  }
  if (!UploadAll(*session.value(), in, d, diags)) return false;
  std::string summary;
  if (!RunCommands(*session.value(), in, in.commands, kProvisionInputs.commands.name(),
                   CommandTimeout(plan), d, summary, diags))
    return false;
  SyncDisk(*session.value(), d, diags);
  log::Info("layer provisioned", {{"vm_id", vm_id}, {"summary", summary}});
  return true;
}

}  // namespace

void ImageLayer::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto d = DeadlineFor(req.plan, "create", std::chrono::minutes(30));
  ProvisionInputs in = ReadSharedProvisionInputs(req.plan, resp.diagnostics);
  if (resp.diagnostics.HasError()) return;
  auto parent = ResolveLayerParent(req.plan, api, d);
  if (!parent.ok())
    return resp.diagnostics.AddError("Invalid parent", parent.status().message() + ".");
  if (!parent.value())
    return resp.diagnostics.AddError(
        "Parent tag not found",
        "parent_ref " + values::Get(req.plan, kLayer.parent_ref).value_or("") +
            " names no tag: create it first (e.g. reference a vers_repository_tag's `reference`, "
            "so that it is made before this layer).",
        kLayer.parent_ref.path());
  auto hash = LayerHashOrDiagnose(req.plan, *parent.value(), in, ctx.stop_flag(), resp.diagnostics);
  if (!hash) return;
  if (auto planned = values::Get(req.plan, kLayer.content_hash); planned && *planned != *hash)
    return resp.diagnostics.AddError(
        "Layer inputs changed since the plan",
        "The plan was made for content hash " + *planned + ", the inputs now hash to " + *hash +
            " (a source file changed, or the parent_ref tag moved). Plan again.");
  const std::string repo = values::Get(req.plan, kLayer.cache_repository).value_or("");
  const client::RepoRef tag = LayerTag(repo, *hash);
  values::ObjectBuilder out(req.plan);
  out.Set(kLayer.content_hash, *hash).Set(kLayer.reference, tag.str());

  // The cache: a hit is adopted, with no VM and nothing run.
  auto hit = api->GetRepoTag(tag, d);
  if (hit.ok()) {
    log::Info("layer cache hit", {{"reference", tag.str()}, {"commit_id", hit.value().commit_id}});
    out.Set(kLayer.commit_id, hit.value().commit_id).Set(kLayer.id, hit.value().commit_id);
    resp.state = out.Set(kLayer.cached, true).Build();
    return;
  }
  if (!hit.status().is_not_found())
    return AddApiError(resp.diagnostics, "Cannot look up layer " + tag.str(), hit.status());
  if (Status s = EnsureRepository(*api, repo, d); !s.ok())
    return AddApiError(resp.diagnostics, "Cannot create cache repository " + repo, s);

  // A miss: build it.
  std::string commit_id;
  {
    BuildVm vm(*api, req.ctx, resp.diagnostics);
    if (Status s = StartBuildVm(*api, req.ctx, req.plan, *parent.value(), vm, d); !s.ok())
      return AddApiError(resp.diagnostics, "Cannot start the build VM", s);
    if (!ProvisionBuildVm(ctx, *api, req.plan, in, vm.id(), d, resp.diagnostics)) return;
    client::CommitOptions options;
    options.name = "layer-" + hash->substr(0, 12);
    options.description = "vers_image_layer " + tag.str();
    // Derived from the hash and the VM: an interrupted commit is found again.
    options.intent = "vers_image_layer\n" + *hash + "\n" + vm.id();
    auto commit = api->CommitVm(vm.id(), options, d);
    if (!commit.ok())
      return AddApiError(resp.diagnostics, "Cannot commit build VM " + vm.id(), commit.status());
    commit_id = commit.value();
  }  // the build VM is deleted here
  auto published = PublishLayer(*api, tag, commit_id, d, resp.diagnostics);
  if (!published) return;
  out.Set(kLayer.commit_id, *published).Set(kLayer.id, *published);
  resp.state = out.Set(kLayer.cached, false).Build();
}

}  // namespace vers::resources
