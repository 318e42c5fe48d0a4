// Parsing the text forms of repository references, for clear diagnostics
// before anything is sent.
#pragma once

#include <string>

#include "base/status.h"
#include "client/vers_types.h"

namespace vers::client {

// True for a repository or tag name the API accepts: 1-64 letters, digits,
// '-', '_' or '.' (CreateRepositoryRequest.name in the spec).
bool IsRepoName(const std::string& name);

// "repo:tag", split at the first ':' as the API splits a from_commit ref,
// each side a valid name; otherwise an error saying what is accepted.
Result<RepoRef> ParseRepoRef(const std::string& text);

// "org/repo:tag" (a public repository's tag), each part non-empty and the
// repository and tag valid names; otherwise an error saying what is accepted.
Result<PublicRef> ParsePublicRef(const std::string& text);

}  // namespace vers::client
