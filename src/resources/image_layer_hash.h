// A vers_image_layer's identity: the SHA-256 of its parent's identity and of
// everything provisioned on top of it. The hash names the layer's tag in
// its cache repository, so equal inputs find the same cached commit from any
// workspace, and a changed input (or parent) names another layer.
#pragma once

#include <atomic>
#include <optional>
#include <string>

#include "base/status.h"
#include "client/vers_types.h"
#include "resources/provision_inputs.h"

namespace vers::resources {

// What a layer is built on, reduced to what identifies its content:
//   ParentFromImage("default")        -> "image:default"  (a new root VM)
//   ParentFromCommit("<commit id>")   -> "commit:<id>"    (a commit, or the
//                                        commit a repository tag resolves to)
//   ParentFromLayer("<64 hex>")       -> "layer:<hash>"   (another layer)
std::string ParentFromImage(const std::string& image);
std::string ParentFromCommit(const std::string& commit_id);
std::string ParentFromLayer(const std::string& content_hash);

// The build VM's sizes; each is hashed only when set, since a root VM's
// sizes are carried into every VM restored from its commits.
struct LayerSizes {
  std::optional<int64_t> vcpu_count, mem_size_mib, fs_size_mib;
};

// The content hash (64 lowercase hex digits) of a layer with parent
// `parent_identity` (one of the above) and inputs `in` (files with their
// destination, mode and content; commands; environment; working_dir). Equal
// inputs give equal hashes on every machine and run; any change of one gives
// another. A source that cannot be read is an error (its index in
// `in.uploads` in `*failed`); kCancelled once `stop` is raised.
Result<std::string> LayerContentHash(const std::string& parent_identity, const ProvisionInputs& in,
                                     const LayerSizes& sizes,
                                     const std::atomic<bool>* stop = nullptr,
                                     size_t* failed = nullptr);

// Whether `s` is a content hash: 64 lowercase hex digits.
bool IsContentHash(const std::string& s);

// The repository tag a layer is cached under: `<repository>:<content hash>`
// (a hash is a valid tag name: 64 of the allowed characters).
client::RepoRef LayerTag(const std::string& repository, const std::string& content_hash);

// A layer's `reference` ("repo:<content hash>") split; an error saying what
// is accepted for anything else (a tag that is not a content hash belongs in
// parent_ref).
Result<client::RepoRef> ParseLayerReference(const std::string& text);

}  // namespace vers::resources
