// How vers_vergeio_vm_metadata keeps key/value pairs in VergeIO, which has
// no key/value store: each pair is a tag named "key=value" in one category,
// attached to the VM through tag_members.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "client/vergeio_client.h"

namespace vers::resources {

using MetadataPairs = std::map<std::string, std::string>;

// The pairs currently on a VM in one category, with their member keys.
struct AttachedMetadata {
  std::map<std::string, std::pair<std::string, int64_t>> by_key;  // key -> (value, member)
  std::map<std::string, int64_t> tag_by_name;                     // every tag of the category
};

// The pairs on VM `vm` in `category` (tags not named "key=value" are
// ignored); the error of the first VergeIO call that fails.
Result<AttachedMetadata> ReadAttachedMetadata(client::VergeioClient& api, int64_t category,
                                              int64_t vm, client::Deadline d);

// Moves the VM's pairs for the keys in `managed_before` from what is
// attached to `want` (absent keys are removed), creating tags on demand and
// deleting the ones it leaves without members. Unchanged pairs are not
// touched.
Status ApplyMetadataTags(client::VergeioClient& api, int64_t category, int64_t vm,
                         const MetadataPairs& managed_before, const MetadataPairs& want,
                         client::Deadline d);

}  // namespace vers::resources
