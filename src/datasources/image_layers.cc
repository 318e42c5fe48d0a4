#include "datasources/image_layers.h"

#include <algorithm>

#include "plugin/values.h"
#include "resources/context.h"
#include "resources/image_layer_hash.h"
#include "resources/repository.h"

namespace vers::datasources {

using cty::Type;
using cty::Value;
using schema::Attribute;

namespace {

Type LayerObjectType() {
  return Type::Object({{"content_hash", Type::String()},
                       {"reference", Type::String()},
                       {"commit_id", Type::String()},
                       {"created_at", Type::String()}});
}

}  // namespace

ImageLayers::ImageLayers() {
  schema_.block.description =
      "The layers a `vers_image_layer` cache repository holds: every tag named by a content hash, "
      "with its commit (other tags of the repository are left out). A repository that does not "
      "exist holds none. Compare the hashes with the `content_hash` of the layers in use to find "
      "what to prune.";
  schema_.block.attributes = {
      Attribute::String("repository")
          .Required()
          .Description("The cache repository (a layer's `cache_repository`).")
          .Validate(resources::RepoNameValidator()),
      Attribute::List("layers", LayerObjectType())
          .Computed()
          .Description("The cached layers, oldest first: `content_hash`, `reference` "
                       "(`repo:<content_hash>`), `commit_id`, `created_at`."),
      Attribute::Map("commit_ids", Type::String())
          .Computed()
          .Description("The same, as content hash => commit id."),
  };
}

void ImageLayers::Read(const ReadDataRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto repo = values::String(req.config, "repository");
  if (api == nullptr || !repo) return;
  auto tags = api->ListRepoTags(*repo, std::chrono::steady_clock::now() + std::chrono::minutes(5));
  std::vector<client::RepoTag> layers;
  if (!tags.ok() && !tags.status().is_not_found())
    return resp.diagnostics.AddError("Cannot list the layers of " + *repo, tags.status().message(),
                                     AttributePath::Root("repository"));
  if (tags.ok()) {
    for (auto& t : tags.value())
      if (resources::IsContentHash(t.tag_name)) layers.push_back(std::move(t));
  }
  std::stable_sort(layers.begin(), layers.end(),
                   [](const auto& a, const auto& b) { return a.created_at < b.created_at; });
  Value::Elements list;
  std::map<std::string, std::string> ids;
  for (const auto& t : layers) {
    list.push_back(Value::ObjectOfType(LayerObjectType(),
                                       {{"content_hash", Value::String(t.tag_name)},
                                        {"reference", Value::String(*repo + ":" + t.tag_name)},
                                        {"commit_id", Value::String(t.commit_id)},
                                        {"created_at", Value::String(t.created_at)}}));
    ids[t.tag_name] = t.commit_id;
  }
  resp.state = values::ObjectBuilder(req.config)
                   .Set("layers", Value::List(LayerObjectType(), std::move(list)))
                   .Set("commit_ids", values::StringMapValue(ids))
                   .Build();
}

}  // namespace vers::datasources
