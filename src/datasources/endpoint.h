// Data source vers_endpoint: the Vers endpoints this provider is configured
// to use, so configurations can build SSH commands and outputs from them.
#pragma once

#include "plugin/data_source.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::datasources {

class Endpoint final : public WithSchema<DataSource> {
 public:
  Endpoint();
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

}  // namespace vers::datasources
