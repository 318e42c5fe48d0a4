// Data sources vers_vms (VMs filtered by state and labels), vers_vm (one VM
// by id) and vers_commits (commits by name or tag, public commits, or a
// commit's lineage: the cache lookup that lets a pipeline reuse a golden
// image instead of rebuilding it, and shows what an image was built on).
#pragma once

#include "plugin/data_source.h"
#include "resources/framework.h"

namespace vers::datasources {

class Vms final : public DataSource {
 public:
  Vms();
  std::string TypeName() const override { return "vers_vms"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;

 private:
  schema::Schema schema_;
};

class OneVm final : public DataSource {
 public:
  OneVm();
  std::string TypeName() const override { return "vers_vm"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;

 private:
  schema::Schema schema_;
};

class Commits final : public DataSource {
 public:
  Commits();
  std::string TypeName() const override { return "vers_commits"; }
  const schema::Schema& GetSchema() const override { return schema_; }
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;

 private:
  schema::Schema schema_;
};

}  // namespace vers::datasources
