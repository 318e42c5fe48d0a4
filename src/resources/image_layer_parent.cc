#include "resources/image_layer_parent.h"

#include "client/repo_refs.h"
#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/image_layer.h"
#include "resources/image_layer_hash.h"
#include "resources/input_hasher.h"

namespace vers::resources {

bool IsUuidText(const std::string& s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    char c = s[i];
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (dash ? c != '-' : !hex) return false;
  }
  return true;
}

std::optional<std::string> LayerHashOrDiagnose(const cty::Value& object, const LayerParent& parent,
                                               const ProvisionInputs& in,
                                               const std::atomic<bool>* stop, Diagnostics& diags) {
  LayerSizes sizes{values::Get(object, kLayer.vcpu_count), values::Get(object, kLayer.mem_size_mib),
                   values::Get(object, kLayer.fs_size_mib)};
  size_t failed = SIZE_MAX;
  auto hash = LayerContentHash(parent.identity, in, sizes, stop, &failed);
  if (hash.ok()) return std::move(hash).value();
  DiagnoseHashFailure(in, failed, hash.status(), diags);
  return std::nullopt;
}

Result<std::optional<LayerParent>> ResolveLayerParent(const cty::Value& object,
                                                      client::VersClient* api,
                                                      client::Deadline deadline) {
  LayerParent p;
  if (auto image = values::Get(object, kLayer.base_image)) {
    p.identity = ParentFromImage(*image);
    p.root = true;
    return std::optional(p);
  }
  if (auto commit = values::Get(object, kLayer.parent_commit_id)) {
    if (!IsUuidText(*commit))
      return Status::Error("parent_commit_id \"" + *commit +
                           "\" is not a commit id (a UUID such as "
                           "\"0b1c6d0e-4d7a-4f7e-9a51-6f1d2c3b4a59\")");
    p.identity = ParentFromCommit(*commit);
    p.commit_id = *commit;
    return std::optional(p);
  }
  if (auto layer = values::Get(object, kLayer.parent_layer)) {
    auto ref = ParseLayerReference(*layer);
    if (!ref.ok()) return Status::Error("parent_layer: " + ref.status().message());
    p.identity = ParentFromLayer(ref.value().tag);
    p.layer_ref = ref.value();
    return std::optional(p);
  }
  auto text = values::Get(object, kLayer.parent_ref);
  if (!text)
    return Status::Error(
        "no parent: set one of base_image, parent_commit_id, "
        "parent_ref and parent_layer");
  auto ref = client::ParseRepoRef(*text);
  if (!ref.ok()) return Status::Error("parent_ref: " + ref.status().message());
  if (api == nullptr) return std::optional<LayerParent>();
  auto tag = api->GetRepoTag(ref.value(), deadline);
  if (!tag.ok() && tag.status().is_not_found()) return std::optional<LayerParent>();
  if (!tag.ok())
    return Status::Error("parent_ref: cannot read tag " + ref.value().str() + ": " +
                         tag.status().message());
  p.identity = ParentFromCommit(tag.value().commit_id);
  p.commit_id = tag.value().commit_id;
  return std::optional(p);
}

}  // namespace vers::resources
