// InputHasher: the SHA-256 of a resource's inputs, fed field by field with
// each field's length first, so that no two different inputs hash alike.
// Used for vers_provision's id and vers_image_layer's content_hash.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

#include "base/status.h"
#include "resources/framework.h"
#include "resources/provision_inputs.h"
#include "ssh/sha256.h"

namespace vers::resources {

class InputHasher {
 public:
  // Adds `s`, prefixed by its length.
  void Field(const std::string& s);
  // Adds the bytes of the local regular file `path`, then their count.
  // kCancelled as soon as `stop` is raised (checked between reads).
  Status FileContents(const std::string& path, const std::atomic<bool>* stop);
  // Adds every upload (destination, mode, content or the source's bytes),
  // the commands, the environment and working_dir of `in`. On a source that
  // cannot be read, its index in `in.uploads` goes to `*failed`.
  Status Inputs(const ProvisionInputs& in, const std::atomic<bool>* stop, size_t* failed);
  std::string Hex() { return sha_.HexDigest(); }

 private:
  ssh::Sha256 sha_;
};

// The diagnostic for a failed hash of `in` (ProvisionId or the layer's
// content_hash) whose upload `failed` could not be read: on
// files[i].source, saying sources are hashed when planning.
void DiagnoseHashFailure(const ProvisionInputs& in, size_t failed, const Status& status,
                         Diagnostics& diags);

}  // namespace vers::resources
