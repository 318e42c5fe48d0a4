#include "resources/vergeio_metadata_tags.h"

namespace vers::resources {

Result<AttachedMetadata> ReadAttachedMetadata(client::VergeioClient& api, int64_t category,
                                              int64_t vm, client::Deadline d) {
  auto tags = api.TagsIn(category, d);
  if (!tags.ok()) return tags.status();
  auto members = api.MembersOf(vm, d);
  if (!members.ok()) return members.status();
  AttachedMetadata a;
  std::map<int64_t, std::string> name_by_tag;
  for (const auto& t : tags.value()) {
    a.tag_by_name[t.name] = t.key;
    name_by_tag[t.key] = t.name;
  }
  for (const auto& m : members.value()) {
    auto it = name_by_tag.find(m.tag);
    if (it == name_by_tag.end()) continue;  // a tag of another category
    size_t eq = it->second.find('=');
    if (eq == std::string::npos) continue;
    a.by_key[it->second.substr(0, eq)] = {it->second.substr(eq + 1), m.key};
  }
  return a;
}

Status ApplyMetadataTags(client::VergeioClient& api, int64_t category, int64_t vm,
                         const MetadataPairs& managed_before, const MetadataPairs& want,
                         client::Deadline d) {
  auto a = ReadAttachedMetadata(api, category, vm, d);
  if (!a.ok()) return a.status();
  std::vector<int64_t> emptied;
  for (const auto& [key, unused] : managed_before) {
    auto now = a.value().by_key.find(key);
    if (now == a.value().by_key.end()) continue;
    auto w = want.find(key);
    if (w != want.end() && w->second == now->second.first) continue;
    if (Status s = api.DeleteMember(now->second.second, d); !s.ok() && !s.is_not_found()) return s;
    emptied.push_back(a.value().tag_by_name[key + "=" + now->second.first]);
    a.value().by_key.erase(now);
  }
  for (const auto& [key, value] : want) {
    auto now = a.value().by_key.find(key);
    if (now != a.value().by_key.end() && now->second.first == value) continue;
    if (now != a.value().by_key.end()) {  // set outside Terraform with another value
      if (Status s = api.DeleteMember(now->second.second, d); !s.ok() && !s.is_not_found())
        return s;
    }
    std::string name = key + "=" + value;
    int64_t tag = 0;
    if (auto t = a.value().tag_by_name.find(name); t != a.value().tag_by_name.end()) {
      tag = t->second;
    } else {
      auto made = api.CreateTag(category, name, d);
      if (!made.ok()) return made.status();
      tag = made.value();
      a.value().tag_by_name[name] = tag;
    }
    auto m = api.AddMember(tag, vm, d);
    if (!m.ok() && !m.status().is_conflict()) return m.status();
  }
  for (int64_t tag : emptied) {
    auto n = api.CountMembersOfTag(tag, d);
    if (n.ok() && n.value() == 0) {
      if (Status s = api.DeleteTag(tag, d); !s.ok() && !s.is_not_found()) return s;
    }
  }
  return Status::Ok();
}

}  // namespace vers::resources
