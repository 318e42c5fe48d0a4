// vers_image_layer's schema and configuration checks.
#include "plugin/schema/attr.h"
#include "plugin/schema/config_validators.h"
#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/image_layer.h"
#include "resources/image_layer_hash.h"
#include "resources/provision_inputs.h"
#include "resources/provision_schema.h"
#include "resources/repository.h"
#include "resources/vm_restore.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;
namespace validators = schema::validators;

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

// The parent attributes, of which exactly one is set.
struct ParentAttrs : schema::AttrSet {
  schema::Attr<std::string> base_image{this, "base_image"};
  schema::Attr<std::string> parent_commit_id{this, "parent_commit_id"};
  schema::Attr<std::string> parent_ref{this, "parent_ref"};
  schema::Attr<std::string> parent_layer{this, "parent_layer"};
};
const ParentAttrs kParent;

}  // namespace

ImageLayer::ImageLayer() {
  auto keep = plan::UseStateForUnknown;
  schema_.block.description =
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
  schema_.block.attributes = {
      Attribute::String("base_image")
          .Optional()
          .Description("Build on a new root VM of this base image; the API has one, `\"default\"`. "
                       "One of `base_image`, `parent_commit_id`, `parent_ref`, `parent_layer`.")
          .Validate(validators::OneOf({"default"})),
      Attribute::String("parent_commit_id")
          .Optional()
          .Description("Build on this commit (its id is the parent's identity)."),
      Attribute::String("parent_ref")
          .Optional()
          .Description("Build on a repository tag, `repo:tag`. It is resolved to its commit when "
                       "planning (one API call), so moving the tag changes the hash.")
          .Validate(RepoRefValidator()),
      Attribute::String("parent_layer")
          .Optional()
          .Description("Build on another layer: its `reference` (`vers_image_layer.x.reference`), "
                       "whose content hash is the parent's identity, known at plan time.")
          .Validate(LayerReferenceValidator()),
  };
  for (auto& a : ProvisionInputAttributes()) schema_.block.attributes.push_back(std::move(a));
  for (auto& a : CommandTimingAttributes()) schema_.block.attributes.push_back(std::move(a));
  for (auto& a : std::vector<Attribute>{
           Attribute::Number("vcpu_count")
               .Optional()
               .Description("vCPUs of the build VM, with `base_image` only (a VM restored from a "
                            "commit has its parent's; every VM restored from the layer has them).")
               .Validate(validators::IntBetween(1, 64)),
           Attribute::Number("mem_size_mib")
               .Optional()
               .Description("Memory of the build VM in MiB, with `base_image` only, as "
                            "`vcpu_count`.")
               .Validate(validators::IntBetween(128, 1048576)),
           Attribute::Number("fs_size_mib")
               .Optional()
               .Description("Disk size in MiB: of the root VM with `base_image`; otherwise the "
                            "build VM's disk is grown to it before provisioning.")
               .Validate(validators::IntBetween(512, 16777216)),
           Attribute::String("cache_repository")
               .Required()
               .Description("The repository the layer is cached in, as the tag "
                            "`<cache_repository>:<content_hash>`; created when missing.")
               .Validate(RepoNameValidator())
               .Modify(plan::RequiresReplaceIf(
                   "unless the layer was imported (its first apply records it in place)",
                   [](const Value&state, const Value&) { return !state.is_null(); })),
           Attribute::Bool("retain")
               .Default(Value::Bool(true))
               .Description("Keep the cached commit and its tag when the resource is destroyed "
                            "(other workspaces may use them). `false` deletes the tag, and the "
                            "commit unless another tag or a VM still uses it."),
           Attribute::String("content_hash")
               .Computed()
               .Description("SHA-256 of the layer's inputs and its parent's identity, known at "
                            "plan time when they are."),
           Attribute::String("reference")
               .Computed()
               .Description("`<cache_repository>:<content_hash>`: the layer's tag, for "
                            "`parent_layer` of the next layer and for `vers_vm_restore.ref`."),
           Attribute::String("commit_id")
               .Computed()
               .Description("The layer's commit.")
               .Modify(keep()),
           Attribute::String("id").Computed().Description("Same as `commit_id`.").Modify(keep()),
           Attribute::Bool("cached")
               .Computed()
               .Description("Whether the create adopted a cached commit (`true`: no VM was made, "
                            "nothing ran) rather than building it.")
               .Modify(keep()),
       })
    schema_.block.attributes.push_back(std::move(a));
  schema_.block.blocks = {schema::TimeoutsBlock({"create", "delete"})};
  schema_.block.validators = {schema::ExactlyOneOf(
      {kParent.base_image, kParent.parent_commit_id, kParent.parent_ref, kParent.parent_layer})};
}

void ImageLayer::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  if (req.config.GetAttr("base_image").is_null()) {
    for (const char* size : {"vcpu_count", "mem_size_mib"}) {
      if (!req.config.GetAttr(size).is_null())
        resp.diagnostics.AddError(
            "Size needs base_image",
            std::string(size) +
                " can be set only with base_image: a VM restored from a commit has its parent's "
                "vCPUs and memory (POST /vm/from_commit takes no sizes). fs_size_mib grows the "
                "build VM's disk.",
            AttributePath::Root(size));
    }
  }
  // Elements not yet known are checked at plan time, once they are.
  ReadProvisionInputs(req.config, resp.diagnostics);
}

}  // namespace vers::resources
