// Data source vers_endpoint: the Vers endpoints this provider is configured
// to use, so configurations can build SSH commands and outputs from them.
#pragma once

#include "plugin/data_source.h"
#include "resources/framework.h"

namespace vers::datasources {

class Endpoint final : public DataSource {
 public:
  Endpoint();
  std::string TypeName() const override { return "vers_endpoint"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;

 private:
  schema::Schema schema_;
};

}  // namespace vers::datasources
