// VmManager: legacy org-scoped tags (/commit_tags): a name pointing to a
// commit, outside any repository.
#include <regex>

#include "base/uuid.h"
#include "local/ids.h"
#include "local/manager.h"

namespace vers::local {

std::vector<TagRecord> VmManager::Tags() {
  base::MutexLock lock(mu_);
  std::vector<TagRecord> out;
  for (const auto& [name, t] : state_.tags) out.push_back(t);
  return out;
}

Outcome<TagRecord> VmManager::GetTag(const std::string& name) {
  base::MutexLock lock(mu_);
  auto t = state_.tags.find(name);
  if (t == state_.tags.end()) return NotFound("tag " + name);
  return t->second;
}

Outcome<TagRecord> VmManager::CreateTag(const std::string& name, const std::string& commit_id,
                                        std::optional<std::string> description) {
  static const std::regex kName("[A-Za-z0-9._-]{1,64}");
  if (!std::regex_match(name, kName))
    return BadRequest("tag_name must be 1-64 letters, digits, '-', '_' or '.'");
  base::MutexLock lock(mu_);
  if (state_.tags.count(name)) return Conflict("tag " + name + " already exists");
  if (!state_.commits.count(commit_id)) return NotFound("commit " + commit_id);
  TagRecord t{base::NewRandomUuid(), name, commit_id, std::move(description), NowRfc3339(), ""};
  t.updated_at = t.created_at;
  state_.tags[name] = t;
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return t;
}

Outcome<Done> VmManager::UpdateTag(const std::string& name, const TagPatch& patch) {
  base::MutexLock lock(mu_);
  auto t = state_.tags.find(name);
  if (t == state_.tags.end()) return NotFound("tag " + name);
  if (patch.commit_id) {
    if (!state_.commits.count(*patch.commit_id)) return NotFound("commit " + *patch.commit_id);
    t->second.commit_id = *patch.commit_id;
  }
  if (patch.set_description) t->second.description = patch.description;
  t->second.updated_at = NowRfc3339();
  return SaveLocked();
}

Outcome<Done> VmManager::DeleteTag(const std::string& name) {
  base::MutexLock lock(mu_);
  if (!state_.tags.erase(name)) return NotFound("tag " + name);
  return SaveLocked();
}

}  // namespace vers::local
