// Resource vers_vm_file: one file on a running VM, written through the Vers
// API (PUT /vm/{id}/files) and read back for drift (GET /vm/{id}/files and
// a `stat` exec for its mode). Written in the typed style (schema/attr.h):
// the example of how short a resource is when its schema, validators and
// code share one set of descriptors.
#pragma once

#include "plugin/resource.h"
#include "plugin/with_schema.h"
#include "resources/framework.h"

namespace vers::resources {

class VmFile final : public WithSchema<Resource> {
 public:
  VmFile();
  // PUT with the content, mode and create_dirs.
  void Create(const CreateRequest& req, StateResponse& resp) const override;
  // The file's mode (`stat`) and bytes; a file or VM that is gone drops out
  // of the state, so the next apply writes it again.
  void Read(const ReadRequest& req, ReadResponse& resp) const override;
  // The content, mode or create_dirs changed: written again (a new vm_id or
  // path replaces the resource).
  void Update(const UpdateRequest& req, StateResponse& resp) const override;
  // `rm -f -- PATH` as an argv exec (no shell); a VM already gone is fine.
  void Delete(const DeleteRequest& req, DeleteResponse& resp) const override;
  // "<vm_id>:<path>"; the content is read back into `content`.
  void ImportState(const ImportRequest& req, ImportResponse& resp) const override;
};

}  // namespace vers::resources
