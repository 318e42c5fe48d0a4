#include "client/repo_refs.h"

namespace vers::client {
namespace {

const char* kNameRule = "1-64 letters, digits, '-', '_' or '.'";

Status BadName(const std::string& text, const char* part, const std::string& name,
               const char* form) {
  return Status::Error("\"" + text + "\" is not of the form " + form + ": the " + part + " \"" +
                       name + "\" must be " + kNameRule);
}

}  // namespace

bool IsRepoName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return false;
  }
  return true;
}

Result<RepoRef> ParseRepoRef(const std::string& text) {
  const char* form = "\"repo:tag\" (a repository name, ':', a tag name)";
  size_t colon = text.find(':');
  if (colon == std::string::npos)
    return Status::Error("\"" + text + "\" is not of the form " + form + ": it has no ':'");
  RepoRef ref{text.substr(0, colon), text.substr(colon + 1)};
  if (!IsRepoName(ref.repo)) return BadName(text, "repository name", ref.repo, form);
  if (!IsRepoName(ref.tag)) return BadName(text, "tag name", ref.tag, form);
  return ref;
}

Result<PublicRef> ParsePublicRef(const std::string& text) {
  const char* form = "\"org/repo:tag\" (an organization, '/', a repository name, ':', a tag name)";
  size_t slash = text.find('/');
  if (slash == std::string::npos || slash == 0)
    return Status::Error("\"" + text + "\" is not of the form " + form +
                         ": it does not start with an organization and '/'");
  auto rest = ParseRepoRef(text.substr(slash + 1));
  if (!rest.ok())
    return Status::Error("\"" + text + "\" is not of the form " + form + ": " +
                         rest.status().message());
  return PublicRef{text.substr(0, slash), rest.value().repo, rest.value().tag};
}

}  // namespace vers::client
