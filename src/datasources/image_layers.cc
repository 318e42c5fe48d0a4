#include "datasources/image_layers.h"

#include <algorithm>

#include "plugin/values.h"
#include "resources/context.h"
#include "resources/framework.h"
#include "resources/image_layer_hash.h"
#include "resources/repository.h"

namespace vers::datasources {

using cty::Type;
using cty::Value;
using schema::Attribute;

namespace {

// One element of `layers`.
struct LayerAttrs : schema::AttrSet {
  schema::Attr<std::string> content_hash{this, "content_hash"};
  schema::Attr<std::string> reference{this, "reference"};
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> created_at{this, "created_at"};
};
const LayerAttrs kLayer;

struct ImageLayersAttrs : schema::AttrSet {
  schema::Attr<std::string> repository{this, "repository"};
  schema::Attr<cty::Value> layers{this, "layers", Type::List(kLayer.ObjectType())};
  schema::Attr<schema::StringMap> commit_ids{this, "commit_ids"};
};
const ImageLayersAttrs kA;

schema::Schema ImageLayersSchema() {
  schema::Schema s;
  s.block.description =
      "The layers a `vers_image_layer` cache repository holds: every tag named by a content hash, "
      "with its commit (other tags of the repository are left out). A repository that does not "
      "exist holds none. Compare the hashes with the `content_hash` of the layers in use to find "
      "what to prune.";
  s.block.attributes = {
      kA.repository.Declare()
          .Required()
          .Description("The cache repository (a layer's `cache_repository`).")
          .Validate(resources::RepoNameValidator()),
      kA.layers.Declare().Computed().Description(
          "The cached layers, oldest first: `content_hash`, `reference` "
          "(`repo:<content_hash>`), `commit_id`, `created_at`."),
      kA.commit_ids.Declare().Computed().Description("The same, as content hash => commit id."),
  };
  s.attr_sets = {&kA};
  return s;
}

}  // namespace

ImageLayers::ImageLayers() : WithSchema("vers_image_layers", ImageLayersSchema()) {}

void ImageLayers::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto repo = values::Get(req.config, kA.repository);
  if (api == nullptr || !repo) return;
  auto tags = api->ListRepoTags(*repo, std::chrono::steady_clock::now() + std::chrono::minutes(5));
  std::vector<client::RepoTag> layers;
  if (!tags.ok() && !tags.status().is_not_found())
    return resp.diagnostics.AddError("Cannot list the layers of " + *repo, tags.status().message(),
                                     kA.repository.path());
  if (tags.ok()) {
    for (auto& t : tags.value())
      if (resources::IsContentHash(t.tag_name)) layers.push_back(std::move(t));
  }
  std::stable_sort(layers.begin(), layers.end(),
                   [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  Value::Elements list;
  schema::StringMap ids;
  for (const auto& t : layers) {
    list.push_back(values::ObjectBuilder(kLayer.ObjectType())
                       .Set(kLayer.content_hash, t.tag_name)
                       .Set(kLayer.reference, *repo + ":" + t.tag_name)
                       .Set(kLayer.commit_id, t.commit_id)
                       .Set(kLayer.created_at, t.created_at)
                       .Build());
    ids[t.tag_name] = t.commit_id;
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set(kA.layers, Value::List(kLayer.ObjectType(), std::move(list)))
                   .Set(kA.commit_ids, ids)
                   .Build();
}

}  // namespace vers::datasources
