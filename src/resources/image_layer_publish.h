// The cache side of vers_image_layer: the cache repository, publishing a
// built layer's tag (where concurrent builds of one hash are decided), and
// releasing a layer's tag and commit on destroy.
#pragma once

#include <optional>
#include <string>

#include "client/vers_client.h"
#include "plugin/diagnostics.h"
#include "resources/framework.h"

namespace vers::resources {

// Creates the repository `name` unless it exists (a 409 from a create
// racing another apply is success). Never deletes it.
Status EnsureRepository(client::VersClient& api, const std::string& name, client::Deadline d);

// Tags `commit_id` as `tag` (the layer's cache entry) and returns the commit
// the layer is: `commit_id`, or, when the tag was taken meanwhile (409:
// another apply built the same layer and published first), the commit it
// points to, our own commit then being deleted. nullopt with an error when
// the tag can be neither made nor read; our commit is deleted then too, so
// nothing unrecorded is left.
std::optional<std::string> PublishLayer(client::VersClient& api, const client::RepoRef& tag,
                                        const std::string& commit_id, client::Deadline d,
                                        Diagnostics& diags);

// Destroy with retain = false: deletes `tag` when it points to `commit_id`,
// then the commit unless another repository tag points to it or the API
// refuses (409: a VM, a commit built on it, a legacy tag); what keeps it is
// a warning naming it, and a commit kept so keeps its tag (put back), so
// that no cached commit is left that the cache does not list. Other errors
// are error diagnostics.
void ReleaseLayer(client::VersClient& api, const std::optional<client::RepoRef>& tag,
                  const std::string& commit_id, client::Deadline d, Diagnostics& diags);

}  // namespace vers::resources
