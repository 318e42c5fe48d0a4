// Data sources vers_repository (one of the account's repositories with its
// tags), vers_public_repositories (every public repository, optionally of one
// organization) and vers_public_repository (one public repository with its
// tags): what a team needs to restore from another team's images.
#pragma once

#include "plugin/data_source.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::datasources {

class RepositoryData final : public WithSchema<DataSource> {
 public:
  RepositoryData();
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

class PublicRepositories final : public WithSchema<DataSource> {
 public:
  PublicRepositories();
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

class PublicRepository final : public WithSchema<DataSource> {
 public:
  PublicRepository();
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

}  // namespace vers::datasources
