// vers_image_layer's plan: the content hash, known whenever the inputs are,
// decides replacement; nothing else replaces a layer.
#include "plugin/values.h"
#include "resources/context.h"
#include "resources/image_layer.h"
#include "resources/image_layer_hash.h"
#include "resources/image_layer_parent.h"
#include "resources/provision_inputs.h"

namespace vers::resources {

namespace {

// The attributes the hash is made of.
constexpr const char* kHashInputs[] = {
    "base_image", "parent_commit_id", "parent_ref",  "parent_layer",
    "files",      "commands",         "environment", "working_dir",
    "vcpu_count", "mem_size_mib",     "fs_size_mib", "cache_repository"};

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
  for (const char* name : kHashInputs) known = known && WhollyKnown(resp.plan.GetAttr(name));
  if (known) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
    auto parent = ResolveLayerParent(resp.plan, PlanClient(req.ctx), deadline);
    if (!parent.ok())
      return resp.diagnostics.AddError("Invalid parent", parent.status().message() + ".");
    ProvisionInputs in = ReadProvisionInputs(resp.plan, resp.diagnostics);
    if (resp.diagnostics.HasError()) return;
    // Hashing reads every source file: Ctrl-C must stop it.
    if (parent.value())
      hash = LayerHashOrDiagnose(resp.plan, *parent.value(), in,
                                 req.ctx ? req.ctx->stop_flag() : nullptr, resp.diagnostics);
    if (resp.diagnostics.HasError()) return;
  }
  values::ObjectBuilder out(resp.plan);
  if (hash) {
    auto repo = values::String(resp.plan, "cache_repository").value_or("");
    out.SetString("content_hash", *hash).SetString("reference", LayerTag(repo, *hash).str());
  }
  resp.plan = out.Build();
  // Another hash is another layer; an unknown one may be. A layer imported
  // by commit id has no hash yet: its first apply records it in place.
  auto prior = values::String(req.state, "content_hash");
  if (prior && (!hash || *hash != *prior))
    resp.requires_replace.push_back(AttributePath::Root("content_hash"));
}

}  // namespace vers::resources
