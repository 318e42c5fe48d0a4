// Data source vers_images: the account's base images (GET /images, every
// page), optionally only those of one source type.
#pragma once

#include "plugin/data_source.h"
#include "resources/framework.h"

namespace vers::datasources {

class Images final : public DataSource {
 public:
  Images();
  std::string TypeName() const override { return "vers_images"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;

 private:
  schema::Schema schema_;
};

}  // namespace vers::datasources
