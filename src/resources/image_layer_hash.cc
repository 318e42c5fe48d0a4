#include "resources/image_layer_hash.h"

#include "client/repo_refs.h"
#include "resources/input_hasher.h"

namespace vers::resources {

std::string ParentFromImage(const std::string& image) { return "image:" + image; }
std::string ParentFromCommit(const std::string& commit_id) { return "commit:" + commit_id; }
std::string ParentFromLayer(const std::string& content_hash) { return "layer:" + content_hash; }

Result<std::string> LayerContentHash(const std::string& parent_identity, const ProvisionInputs& in,
                                     const LayerSizes& sizes, const std::atomic<bool>* stop,
                                     size_t* failed) {
  InputHasher h;
  h.Field("vers_image_layer/1");
  h.Field(parent_identity);
  auto size = [&h](const char* name, const std::optional<int64_t>& v) {
    h.Field(name);
    h.Field(v ? std::to_string(*v) : "");
  };
  size("vcpu_count", sizes.vcpu_count);
  size("mem_size_mib", sizes.mem_size_mib);
  size("fs_size_mib", sizes.fs_size_mib);
  if (Status s = h.Inputs(in, stop, failed); !s.ok()) return s;
  return h.Hex();
}

bool IsContentHash(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

client::RepoRef LayerTag(const std::string& repository, const std::string& content_hash) {
  return client::RepoRef{repository, content_hash};
}

Result<client::RepoRef> ParseLayerReference(const std::string& text) {
  auto ref = client::ParseRepoRef(text);
  if (!ref.ok()) return ref.status();
  if (!IsContentHash(ref.value().tag))
    return Status::Error("\"" + text +
                         "\" is not a layer's reference: its tag must be the layer's content hash "
                         "(64 lowercase hex digits), as vers_image_layer.<name>.reference gives "
                         "it. Give any other repository tag as parent_ref");
  return ref;
}

}  // namespace vers::resources
