// The sizes of a vers_vm (vcpu_count, mem_size_mib, fs_size_mib), which the
// Vers API takes at creation but never reports back (VmMetadataResponse and
// VM carry none: orchestrator.openapi.json).
#pragma once

#include <string>
#include <vector>

#include "plugin/schema/attr.h"
#include "plugin/schema/schema.h"
#include "plugin/values.h"
#include "resources/framework.h"

namespace vers::resources {

// vers_vm's sizes.
struct VmSizeAttrs : schema::AttrSet {
  schema::Attr<int64_t> vcpu_count{this, "vcpu_count"};
  schema::Attr<int64_t> mem_size_mib{this, "mem_size_mib"};
  schema::Attr<int64_t> fs_size_mib{this, "fs_size_mib"};
};
extern const VmSizeAttrs kVmSize;

// vers_vm's image attributes (VmImageAttributes).
struct VmImageAttrs : schema::AttrSet {
  schema::Attr<std::string> image_name{this, "image_name"};
  schema::Attr<std::string> kernel_name{this, "kernel_name"};
};
extern const VmImageAttrs kVmImage;

// The three size attributes: defaults, ranges, and their plan rules. A
// change of a known size replaces the VM (growing the disk is in place). A
// VM imported without sizes has them null in state: the first plan records
// the configured value as an in-place update instead of replacing the VM,
// and an unset size stays null rather than becoming a made-up default.
std::vector<schema::Attribute> VmSizeAttributes();

// image_name (default "default") and kernel_name (default "default.bin"):
// sent only when not the default (the API's own), a change replaces the VM,
// and after an import without them (the API does not report them) the
// first plan records the configured value in place, as for the sizes.
std::vector<schema::Attribute> VmImageAttributes();

// Sets the sizes an import id gives after its "<vm_id>:" part
// ("vcpu_count=2,mem_size_mib=4096,fs_size_mib=8192,image_name=NAME,
// kernel_name=NAME", any subset). Returns
// an error naming the item that is not understood.
Status SetImportedSizes(const std::string& sizes, values::ObjectBuilder& out);

}  // namespace vers::resources
