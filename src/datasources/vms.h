// Data sources vers_vms (VMs filtered by state and labels), vers_vm (one VM
// by id) and vers_commits (commits by name or tag, public commits, or a
// commit's lineage: the cache lookup that lets a pipeline reuse a golden
// image instead of rebuilding it, and shows what an image was built on).
#pragma once

#include "plugin/data_source.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::datasources {

class Vms final : public WithSchema<DataSource> {
 public:
  Vms();
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

class OneVm final : public WithSchema<DataSource> {
 public:
  OneVm();
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

class Commits final : public WithSchema<DataSource> {
 public:
  Commits();
  void Read(const ReadDataRequest& req, StateResponse& resp) const override;
};

}  // namespace vers::datasources
