// Data sources vers_repository (one of the account's repositories with its
// tags), vers_public_repositories (every public repository, optionally of one
// organization) and vers_public_repository (one public repository with its
// tags): what a team needs to restore from another team's images.
#pragma once

#include "plugin/data_source.h"
#include "resources/framework.h"

namespace vers::datasources {

class RepositoryData final : public DataSource {
 public:
  RepositoryData();
  std::string TypeName() const override { return "vers_repository"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;

 private:
  schema::Schema schema_;
};

class PublicRepositories final : public DataSource {
 public:
  PublicRepositories();
  std::string TypeName() const override { return "vers_public_repositories"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;

 private:
  schema::Schema schema_;
};

class PublicRepository final : public DataSource {
 public:
  PublicRepository();
  std::string TypeName() const override { return "vers_public_repository"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;

 private:
  schema::Schema schema_;
};

}  // namespace vers::datasources
