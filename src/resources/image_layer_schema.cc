// vers_image_layer's schema and configuration checks.
#include "plugin/schema/attr.h"
#include "plugin/schema/config_validators.h"
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/image_layer.h"
#include "resources/image_layer_hash.h"
#include "resources/provision.h"
#include "resources/provision_inputs.h"
#include "resources/provision_schema.h"
#include "resources/repository.h"
#include "resources/vm_restore.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;
namespace validators = schema::validators;

const ImageLayerAttrs kLayer;

namespace {

schema::Validator LayerReferenceValidator() {
  return {"A layer's `reference`: `repo:<content hash>`.",
          [](const Value& v, const AttributePath& path, Diagnostics& diags) {
            auto ref = ParseLayerReference(v.AsString());
            if (!ref.ok())
              diags.AddError("Invalid parent_layer",
                             path.ToString() + ": " + ref.status().message() + ".", path);
          }};
}

schema::Schema ImageLayerSchema() {
  schema::Schema s;
  auto keep = plan::UseStateForUnknown;
  s.block.description =
      "One layer of a golden image, as one resource: a parent (a base image, a commit, a "
      "repository tag or another layer), then files and commands on top, as `vers_provision` "
      "runs them. The layer is content-addressed: `content_hash` is the SHA-256 of the parent's "
      "identity (the parent layer's hash, or the commit the parent resolves to), every file's "
      "destination, mode and content, the commands, the environment, `working_dir` and the set "
      "sizes, and is known at plan time, so the plan shows which layers a change invalidates "
      "(a changed layer changes the hash of every layer built on it). The layer is cached as the "
      "tag `<cache_repository>:<content_hash>`: creating a layer whose tag exists adopts its "
      "commit, without a VM or a command, from any workspace. Otherwise a build VM is made from "
      "the parent, provisioned, committed and tagged, and deleted whatever happens. When two "
      "applies build the same layer at once, the first tag wins and the other adopts it. The "
      "cache repository is created when missing and never deleted.";
  s.block.attributes = {
      kLayer.base_image.Declare()
          .Optional()
          .Description("Build on a new root VM of this base image; the API has one, `\"default\"`. "
                       "One of `base_image`, `parent_commit_id`, `parent_ref`, `parent_layer`.")
          .Validate(validators::OneOf({"default"})),
      kLayer.parent_commit_id.Declare().Optional().Description(
          "Build on this commit (its id is the parent's identity)."),
      kLayer.parent_ref.Declare()
          .Optional()
          .Description("Build on a repository tag, `repo:tag`. It is resolved to its commit when "
                       "planning (one API call), so moving the tag changes the hash.")
          .Validate(RepoRefValidator()),
      kLayer.parent_layer.Declare()
          .Optional()
          .Description("Build on another layer: its `reference` (`vers_image_layer.x.reference`), "
                       "whose content hash is the parent's identity, known at plan time.")
          .Validate(LayerReferenceValidator()),
  };
  for (auto& a : ProvisionInputAttributes()) s.block.attributes.push_back(std::move(a));
  for (auto& a : CommandTimingAttributes()) s.block.attributes.push_back(std::move(a));
  for (auto& a : std::vector<Attribute>{
           kLayer.vcpu_count.Declare()
               .Optional()
               .Description("vCPUs of the build VM, with `base_image` only (a VM restored from a "
                            "commit has its parent's; every VM restored from the layer has them).")
               .Validate(validators::IntBetween(1, 64)),
           kLayer.mem_size_mib.Declare()
               .Optional()
               .Description("Memory of the build VM in MiB, with `base_image` only, as "
                            "`vcpu_count`.")
               .Validate(validators::IntBetween(128, 1048576)),
           kLayer.fs_size_mib.Declare()
               .Optional()
               .Description("Disk size in MiB: of the root VM with `base_image`; otherwise the "
                            "build VM's disk is grown to it before provisioning.")
               .Validate(validators::IntBetween(512, 16777216)),
           kLayer.cache_repository.Declare()
               .Required()
               .Description("The repository the layer is cached in, as the tag "
                            "`<cache_repository>:<content_hash>`; created when missing.")
               .Validate(RepoNameValidator())
               .Modify(plan::RequiresReplaceIf(
                   "unless the layer was imported (its first apply records it in place)",
                   [](const Value&state, const Value&) { return !state.is_null(); })),
           kLayer.retain.Declare()
               .Default(Value::Bool(true))
               .Description("Keep the cached commit and its tag when the resource is destroyed "
                            "(other workspaces may use them). `false` deletes the tag, and the "
                            "commit unless another tag or a VM still uses it."),
           kLayer.content_hash.Declare().Computed().Description(
               "SHA-256 of the layer's inputs and its parent's identity, known at "
               "plan time when they are."),
           kLayer.reference.Declare().Computed().Description(
               "`<cache_repository>:<content_hash>`: the layer's tag, for "
               "`parent_layer` of the next layer and for `vers_vm_restore.ref`."),
           kLayer.commit_id.Declare().Computed().Description("The layer's commit.").Modify(keep()),
           kLayer.id.Declare().Computed().Description("Same as `commit_id`.").Modify(keep()),
           kLayer.cached.Declare()
               .Computed()
               .Description("Whether the create adopted a cached commit (`true`: no VM was made, "
                            "nothing ran) rather than building it.")
               .Modify(keep()),
       })
    s.block.attributes.push_back(std::move(a));
  s.attr_sets = {&kLayer, &kProvisionInputs};
  s.block.blocks = {schema::TimeoutsBlock({"create", "delete"})};
  s.block.validators = {schema::ExactlyOneOf(
      {kLayer.base_image, kLayer.parent_commit_id, kLayer.parent_ref, kLayer.parent_layer})};
  return s;
}

}  // namespace

ImageLayer::ImageLayer() : WithSchema("vers_image_layer", ImageLayerSchema()) {}

void ImageLayer::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  if (!values::IsSet(req.config, kLayer.base_image)) {
    for (const schema::AttrRef& size :
         std::vector<schema::AttrRef>{kLayer.vcpu_count, kLayer.mem_size_mib}) {
      if (!req.config.GetAttr(size.name).is_null())
        resp.diagnostics.AddError(
            "Size needs base_image",
            size.name +
                " can be set only with base_image: a VM restored from a commit has its parent's "
                "vCPUs and memory (POST /vm/from_commit takes no sizes). fs_size_mib grows the "
                "build VM's disk.",
            AttributePath::Root(size.name));
    }
  }
  // Elements not yet known are checked at plan time, once they are.
  ReadSharedProvisionInputs(req.config, resp.diagnostics);
}

}  // namespace vers::resources
