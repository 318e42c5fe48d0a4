// VmManager: legacy org-scoped tags (/commit_tags): a name pointing to a
// commit, outside any repository.
#include "local/manager.h"
#include "local/tag_records.h"

namespace vers::local {

std::vector<TagRecord> VmManager::Tags() {
  base::MutexLock lock(mu_);
  return RecordsOf(state_.tags);
}

Outcome<TagRecord> VmManager::GetTag(const std::string& name) {
  base::MutexLock lock(mu_);
  return FindRecord(state_.tags, name, "tag");
}

Outcome<TagRecord> VmManager::CreateTag(const std::string& name, const std::string& commit_id,
                                        std::optional<std::string> description) {
  if (!ValidName(name)) return BadRequest("tag_name must be 1-64 letters, digits, '-', '_' or '.'");
  base::MutexLock lock(mu_);
  if (state_.tags.count(name)) return Conflict("tag " + name + " already exists");
  if (!state_.commits.count(commit_id)) return NotFound("commit " + commit_id);
  auto t = NewTagRecord<TagRecord>(name, commit_id, std::move(description));
  state_.tags[name] = t;
  if (auto s = SaveLocked(); !s.ok()) return s.error();
  return t;
}

Outcome<Done> VmManager::UpdateTag(const std::string& name, const TagPatch& patch) {
  base::MutexLock lock(mu_);
  auto t = state_.tags.find(name);
  if (t == state_.tags.end()) return NotFound("tag " + name);
  if (auto patched = PatchTagRecord(t->second, patch, state_.commits); !patched.ok())
    return patched.error();
  return SaveLocked();
}

Outcome<Done> VmManager::DeleteTag(const std::string& name) {
  base::MutexLock lock(mu_);
  if (!state_.tags.erase(name)) return NotFound("tag " + name);
  return SaveLocked();
}

}  // namespace vers::local
