// VersClient's commits and commit tags (GET/PATCH/DELETE; creates are in
// vers_creates.cc).
#include "client/vers_bodies.h"
#include "client/vers_client.h"
#include "client/vers_json.h"

namespace vers::client {

Result<std::vector<Commit>> VersClient::ListCommits(Deadline d) {
  return ListCommitPages("/commits", d);
}

Result<std::vector<Commit>> VersClient::ListPublicCommits(Deadline d) {
  return ListCommitPages("/commits/public", d);
}

Result<std::vector<Commit>> VersClient::ListCommitPages(const std::string& path, Deadline d) {
  // Pages of the spec's maximum size until `total` is reached. A commit
  // taken meanwhile shifts the newest-first pages by one, so ids already
  // seen are skipped.
  constexpr int64_t kPage = 100;
  std::vector<Commit> all;
  std::set<std::string> seen;
  for (int64_t offset = 0;; offset += kPage) {
    auto r =
        Call("GET", path + "?limit=" + std::to_string(kPage) + "&offset=" + std::to_string(offset),
             "", d);
    if (!r.ok()) return r.status();
    auto page = ParseCommitPage(r.value());
    if (!page.ok()) return page.status();
    for (auto& c : page.value().commits)
      if (seen.insert(c.commit_id).second) all.push_back(std::move(c));
    if (page.value().commits.empty() || offset + kPage >= page.value().total) break;
  }
  return all;
}

Result<std::vector<Commit>> VersClient::CommitLineage(const std::string& commit_id, Deadline d) {
  auto r = Call("GET", "/vm/commits/" + EscapePathSegment(commit_id) + "/parents", "", d);
  if (!r.ok()) return r.status();
  return ParseCommitEntities(r.value());
}

Result<Commit> VersClient::ReadCommit(const std::string& commit_id, Deadline d, bool see_through) {
  auto r =
      Call("GET", "/vm/commits/" + EscapePathSegment(commit_id) + "/parents", "", d, see_through);
  if (!r.ok()) return r.status();
  auto chain = ParseCommitEntities(r.value());
  if (!chain.ok()) return chain.status();
  for (auto& c : chain.value())
    if (c.commit_id == commit_id) return std::move(c);
  return Status::NotFound("the Vers API's lineage of commit " + commit_id + " lacks the commit");
}

Result<Commit> VersClient::GetCommit(const std::string& commit_id, Deadline d) {
  return ReadCommit(commit_id, d, false);
}

Result<Commit> VersClient::UpdateCommit(const std::string& commit_id, bool is_public,
                                        const std::optional<std::string>& name,
                                        const std::optional<std::string>& description, Deadline d) {
  auto body = UpdateCommitBody(is_public, name, description);
  if (!body.ok()) return body.status();
  auto r = Call("PATCH", "/commits/" + EscapePathSegment(commit_id), body.value(), d);
  if (!r.ok()) return r.status();
  return ParseCommitInfo(r.value());
}

Status VersClient::DeleteCommit(const std::string& commit_id, Deadline d) {
  return Call("DELETE", "/commits/" + EscapePathSegment(commit_id), "", d).status();
}

Result<Tag> VersClient::ReadTag(const std::string& name, Deadline d, bool see_through) {
  auto r = Call("GET", "/commit_tags/" + EscapePathSegment(name), "", d, see_through);
  if (!r.ok()) return r.status();
  return ParseTag(r.value());
}

Result<Tag> VersClient::GetTag(const std::string& name, Deadline d) {
  return ReadTag(name, d, false);
}

Status VersClient::UpdateTag(const std::string& name, const std::string& commit_id,
                             const std::optional<std::string>& description, Deadline d) {
  auto body = TagBody("", commit_id, description);
  if (!body.ok()) return body.status();
  return Call("PATCH", "/commit_tags/" + EscapePathSegment(name), body.value(), d).status();
}

Status VersClient::DeleteTag(const std::string& name, Deadline d) {
  return Call("DELETE", "/commit_tags/" + EscapePathSegment(name), "", d).status();
}

}  // namespace vers::client
