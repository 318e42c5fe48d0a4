// The vers provider: its configuration schema and its resource types.
#pragma once

#include <memory>
#include <mutex>

#include "plugin/provider.h"
#include "resources/context.h"
#include "resources/framework.h"

namespace vers::provider {

class VersProvider final : public Provider {
 public:
  VersProvider();

  const schema::Schema& GetSchema() const override { return schema_; }
  void ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const override;
  void Configure(const ConfigureRequest& req, ConfigureResponse& resp) override;
  ProviderContext* GetContext() override;
  void Stop() override;

  const std::vector<std::unique_ptr<Resource>>& Resources() const override { return resources_; }
  const std::vector<std::unique_ptr<DataSource>>& DataSources() const override {
    return data_sources_;
  }
  const std::vector<std::unique_ptr<EphemeralResource>>& EphemeralResources() const override {
    return ephemeral_;
  }

 private:
  schema::Schema schema_;
  std::vector<std::unique_ptr<Resource>> resources_;
  std::vector<std::unique_ptr<DataSource>> data_sources_;
  std::vector<std::unique_ptr<EphemeralResource>> ephemeral_;

  std::mutex mu_;  // guards context_
  std::shared_ptr<VersContext> context_;
};

}  // namespace vers::provider
