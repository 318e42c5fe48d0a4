// Data source vers_image_layers: what a vers_image_layer cache repository
// holds, each layer's content hash with its commit, so that a configuration
// can see (and prune) cached layers no configuration uses any more.
#pragma once

#include "plugin/data_source.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::datasources {

class ImageLayers final : public WithSchema<DataSource> {
 public:
  ImageLayers();
  // GET /repositories/{repository}/tags, keeping the tags named by a content
  // hash; a repository that does not exist holds no layers.
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

}  // namespace vers::datasources
