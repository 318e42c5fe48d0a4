// Resources vers_vm_restore (a VM from a commit, tag or repository tag) and
// vers_vm_branch (a copy-on-write clone of a VM, commit or repository tag).
#pragma once

#include <optional>
#include <string>

#include "client/vers_types.h"
#include "plugin/resource.h"
#include "plugin/schema/attr.h"
#include "plugin/values.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

// What the two share: everything but how the VM comes to be.
class DerivedVm : public WithSchema<Resource> {
 public:
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;

 protected:
  // The type `type_name`, whose schema is `attributes` with the computed VM
  // attributes and timeouts added, declared by the descriptors of `own`
  // (which must outlive the resource); `source` checks that the
  // configuration names exactly one source.
  DerivedVm(std::string type_name, std::string description,
            std::vector<schema::Attribute> attributes, const schema::AttrSet& own,
            schema::ConfigValidator source);
  // Finishes a create once the API gave `vm_id`: waits for it to run, reads
  // the computed attributes; records the VM even when that fails.
  void Complete(const CreateRequest& req, const std::string& vm_id, StateResponse& resp) const;

  // An import id "<head>" or "<head>:ref=<repo:tag>" (the first ":ref="
  // splits): each resource reads its own forms of the VM id from `head`.
  struct RefImportId {
    std::string head;
    std::optional<std::string> ref;
  };
  static RefImportId SplitRefImportId(const std::string& import_id);
  // Reads the metadata of VM `vm_id` for an import; with `ref`, checks that
  // it names a repository tag and sets `ref_attr` in `out` to it. Nullopt,
  // with the error in `resp`, when either fails.
  std::optional<client::VmMetadata> StartImport(const ImportRequest& req, const std::string& vm_id,
                                                const std::optional<std::string>& ref,
                                                const schema::Attr<std::string>& ref_attr,
                                                values::ObjectBuilder& out,
                                                ImportResponse& resp) const;
};

class VmRestore final : public DerivedVm {
 public:
  VmRestore();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  // "<vm_id>" (restored from its commit), "<vm_id>:tag=<name>" or
  // "<vm_id>:ref=<repo:tag>".
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

class VmBranch final : public DerivedVm {
 public:
  VmBranch();
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  // Also deletes the commit the API took to branch a VM, unless something
  // else still uses it.
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  // "<vm_id>" imports a branch of a commit, "<vm_id>:from_vm" a branch of a
  // VM, "<vm_id>:ref=<repo:tag>" a branch of a repository tag.
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
