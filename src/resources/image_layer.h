// Resource vers_image_layer: one layer of a golden image (a parent, plus
// files and commands on top), content-addressed and cached in a repository.
//
// Its content_hash (image_layer_hash.h) is known at plan time whenever its
// inputs are, and names its tag `<cache_repository>:<content_hash>`. Create
// adopts the commit that tag points to when it exists (no VM, no command);
// otherwise it builds: a VM from the parent, provisioned over SSH-over-TLS
// as vers_provision does it, committed, and tagged; the build VM is deleted
// in every outcome. When two applies build the same hash at once, the tag
// decides: the one whose tag create is refused (409) adopts the winner's
// commit and deletes its own.
#pragma once

#include "plugin/resource.h"
#include "plugin/schema/attr.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

// vers_image_layer's own attributes; its provisioning inputs are
// kProvisionInputs (provision.h).
struct ImageLayerAttrs : schema::AttrSet {
  // The parent: exactly one is set.
  schema::Attr<std::string> base_image{this, "base_image"};
  schema::Attr<std::string> parent_commit_id{this, "parent_commit_id"};
  schema::Attr<std::string> parent_ref{this, "parent_ref"};
  schema::Attr<std::string> parent_layer{this, "parent_layer"};
  schema::Attr<int64_t> vcpu_count{this, "vcpu_count"};
  schema::Attr<int64_t> mem_size_mib{this, "mem_size_mib"};
  schema::Attr<int64_t> fs_size_mib{this, "fs_size_mib"};
  schema::Attr<std::string> cache_repository{this, "cache_repository"};
  schema::Attr<bool> retain{this, "retain"};
  schema::Attr<std::string> content_hash{this, "content_hash"};
  schema::Attr<std::string> reference{this, "reference"};
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<bool> cached{this, "cached"};
};
extern const ImageLayerAttrs kLayer;

class ImageLayer final : public WithSchema<Resource> {
 public:
  ImageLayer();
  // Exactly one parent; sizes only where they apply; the inputs as
  // vers_provision checks them.
  void ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const override;
  // Sets content_hash and reference when the inputs are known (a parent_ref
  // is resolved to its commit with one API call); a changed hash replaces
  // the layer, anything else changes in place.
  void ModifyPlan(const ModifyPlanRequest& req, ModifyPlanResponse& resp) const override;
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  // One call: the commit still exists (else the layer drops out of state).
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  // retain, the sizes' bookkeeping and timeouts change nothing remote; after
  // an import the layer's tag is checked (or made) for the imported commit.
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  // Keeps the commit and its tag unless retain = false: then the tag is
  // deleted, and the commit too unless another tag or a VM still uses it.
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  // By commit id; the first apply records the inputs without rebuilding.
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
