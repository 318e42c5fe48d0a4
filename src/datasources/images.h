// Data source vers_images: the account's base images (GET /images, every
// page), optionally only those of one source type.
#pragma once

#include "plugin/data_source.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::datasources {

class Images final : public WithSchema<DataSource> {
 public:
  Images();
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

}  // namespace vers::datasources
