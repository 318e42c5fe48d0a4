// Where a vers_image_layer starts: its parent attributes, read from a plan,
// resolved to the parent's identity (for the content hash) and to how the
// build VM is made.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "client/vers_client.h"
#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "resources/framework.h"
#include "resources/provision_inputs.h"

namespace vers::resources {

struct LayerParent {
  std::string identity;  // ParentFromImage/Commit/Layer(...)
  // How the build VM is made: a root VM (base_image), a restore of
  // `commit_id`, or a restore by `layer_ref` (parent_layer).
  bool root = false;
  std::string commit_id;
  std::optional<client::RepoRef> layer_ref;
};

// The parent named by `object` (base_image, parent_commit_id, parent_ref or
// parent_layer, exactly one set and known). A parent_ref is resolved with
// GET /repositories/{repo}/tags/{tag} through `api`; with no `api` (no
// provider context yet) it cannot be, and the result is nullopt, as it is
// when its tag does not exist (yet). Errors are API failures and malformed
// values, each naming the attribute.
Result<std::optional<LayerParent>> ResolveLayerParent(const cty::Value& object,
                                                      client::VersClient* api,
                                                      client::Deadline deadline);

// The content hash of the layer `object` (its sizes read from it) built on
// `parent` with inputs `in`; nullopt with a diagnostic on the source that
// could not be read (or on Ctrl-C).
std::optional<std::string> LayerHashOrDiagnose(const cty::Value& object, const LayerParent& parent,
                                               const ProvisionInputs& in,
                                               const std::atomic<bool>* stop, Diagnostics& diags);

// True for a UUID in its hyphenated form (commit ids are: spec
// VmCommitRequest.commit_id, format uuid).
bool IsUuidText(const std::string& s);

}  // namespace vers::resources
