// What legacy tags (manager_tags.cc) and repository tags and repositories
// (manager_repos.cc) share: name rules, making and patching a tag record,
// and listing or finding records kept by name.
#pragma once

#include <map>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "base/uuid.h"
#include "local/ids.h"
#include "local/manager.h"

namespace vers::local {

// CreateRepositoryRequest.name: "alphanumeric, hyphens, underscores, dots,
// 1-64 chars"; tags take the same (CreateTagRequest.tag_name).
inline bool ValidName(const std::string& name) {
  static const std::regex kName("[A-Za-z0-9._-]{1,64}");
  return std::regex_match(name, kName);
}

// A new tag (TagRecord or RepoTagRecord) with a fresh id, created and
// updated now.
template <typename Tag>
Tag NewTagRecord(const std::string& name, const std::string& commit_id,
                 std::optional<std::string> description) {
  Tag t{base::NewRandomUuid(), name, commit_id, std::move(description), NowRfc3339(), ""};
  t.updated_at = t.created_at;
  return t;
}

// Applies `patch` to `tag` and marks it updated now; 404, changing nothing,
// when the patch names a commit not in `commits`.
template <typename Tag>
Outcome<Done> PatchTagRecord(Tag& tag, const TagPatch& patch,
                             const std::map<std::string, CommitRecord>& commits) {
  if (patch.commit_id) {
    if (!commits.count(*patch.commit_id)) return NotFound("commit " + *patch.commit_id);
    tag.commit_id = *patch.commit_id;
  }
  if (patch.set_description) tag.description = patch.description;
  tag.updated_at = NowRfc3339();
  return Done{};
}

// The records of `by_name`, in name order.
template <typename Record>
std::vector<Record> RecordsOf(const std::map<std::string, Record>& by_name) {
  std::vector<Record> out;
  for (const auto& [name, r] : by_name) out.push_back(r);
  return out;
}

// The record named `name`, or 404 "<what> <name> not found".
template <typename Record>
Outcome<Record> FindRecord(const std::map<std::string, Record>& by_name, const std::string& name,
                           const std::string& what) {
  auto it = by_name.find(name);
  if (it == by_name.end()) return NotFound(what + " " + name);
  return it->second;
}

}  // namespace vers::local
