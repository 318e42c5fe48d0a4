// vers_image_layer's plan: the content hash, known whenever the inputs are,
// decides replacement; nothing else replaces a layer.
#include "plugin/values.h"
#include "resources/context.h"
#include "resources/framework.h"
#include "resources/image_layer.h"
#include "resources/image_layer_hash.h"
#include "resources/image_layer_parent.h"
#include "resources/provision.h"
#include "resources/provision_inputs.h"

namespace vers::resources {

namespace {

// The attributes the hash is made of.
const std::vector<schema::AttrRef>& HashInputs() {
  static const std::vector<schema::AttrRef> inputs = {kLayer.base_image,
                                                      kLayer.parent_commit_id,
                                                      kLayer.parent_ref,
                                                      kLayer.parent_layer,
                                                      kProvisionInputs.files,
                                                      kProvisionInputs.commands,
                                                      kProvisionInputs.environment,
                                                      kProvisionInputs.working_dir,
                                                      kLayer.vcpu_count,
                                                      kLayer.mem_size_mib,
                                                      kLayer.fs_size_mib,
                                                      kLayer.cache_repository};
  return inputs;
}

// The API client for resolving a parent_ref while planning, when the
// provider is configured with a key; null otherwise (the hash then waits
// for the apply).
client::VersClient* PlanClient(const ProviderContext* ctx) {
  if (ctx == nullptr) return nullptr;
  // The context is shared and thread-safe; its client is made on first use.
  auto& vers = provider::VersContext::From(const_cast<ProviderContext&>(*ctx));
  Diagnostics ignored;  // without a key the hash is left for the apply
  if (vers.RequireApiKey(ignored) == nullptr) return nullptr;
  return vers.Client(ignored);
}

}  // namespace

void ImageLayer::ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const {
  if (resp.plan.is_null()) return;
  std::optional<std::string> hash;
  bool known = true;
  for (const auto& input : HashInputs())
    known = known && WhollyKnown(resp.plan.GetAttr(input.name));
  if (known) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    auto parent = ResolveLayerParent(resp.plan, PlanClient(req.ctx), deadline);
    if (!parent.ok())
      return resp.diagnostics.AddError("Invalid parent", parent.status().message() + ".");
    ProvisionInputs in = ReadSharedProvisionInputs(resp.plan, resp.diagnostics);
    if (resp.diagnostics.HasError()) return;
    // Hashing reads every source file: Ctrl-C must stop it.
    if (parent.value())
      hash = LayerHashOrDiagnose(resp.plan, *parent.value(), in,
                                 req.ctx ? req.ctx->stop_flag() : nullptr, resp.diagnostics);
    if (resp.diagnostics.HasError()) return;
  }
  values::ObjectBuilder out(resp.plan);
  if (hash) {
    auto repo = values::Get(resp.plan, kLayer.cache_repository).value_or("");
    out.Set(kLayer.content_hash, *hash).Set(kLayer.reference, LayerTag(repo, *hash).str());
  }
  resp.plan = out.Build();
  // Another hash is another layer; an unknown one may be. A layer imported
  // by commit id has no hash yet: its first apply records it in place.
  auto prior = values::Get(req.state, kLayer.content_hash);
  if (prior && (!hash || *hash != *prior))
    resp.requires_replace.push_back(kLayer.content_hash.path());
}

}  // namespace vers::resources
