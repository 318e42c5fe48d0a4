// VergeioClient's tags: tag categories, tags, and their members (the VMs
// a tag is on). Creates are reconciled by identity (vergeio_client.h).
#include "base/json_writer.h"
#include "client/vergeio_answer.h"
#include "client/vergeio_client.h"
#include "client/vergeio_query.h"

namespace vers::client {

Result<int64_t> VergeioClient::EnsureCategory(const std::string& name, Deadline d) {
  std::string identity = "name eq " + FilterLiteral(name);
  auto found = KeysMatching(http_, "tag_categories", identity, d);
  if (!found.ok()) return found.status();
  if (!found.value().empty()) return *found.value().begin();
  JsonWriter w;
  w.BeginObject().Key("name").String(name);
  w.Key("description").String("Metadata of VMs, managed by Terraform (vers_vergeio_vm_metadata)");
  w.Key("taggable_vms").Bool(true).EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  auto made = Create("tag_categories", body.value(), identity, d);
  // Another apply may have made it meanwhile: look again.
  if (!made.ok() && made.status().is_conflict()) {
    auto again = KeysMatching(http_, "tag_categories", identity, d);
    if (again.ok() && !again.value().empty()) return *again.value().begin();
  }
  return made;
}

Result<std::vector<VergeioTag>> VergeioClient::TagsIn(int64_t category, Deadline d) {
  std::string path =
      "/v4/tags?fields=$key,name&" + Filter("category eq " + std::to_string(category));
  auto r = Call("GET", path, "", d);
  if (!r.ok()) return r.status();
  std::vector<VergeioTag> tags;
  Status s = ReadRows(r.value(), Route(path), true, [&tags](VergeioRow& e) {
    tags.push_back({e.Key(), e.Str("name")});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return tags;
}

Result<int64_t> VergeioClient::CreateTag(int64_t category, const std::string& name, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("name").String(name).Key("category").Int(category).EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  return Create("tags", body.value(),
                "category eq " + std::to_string(category) + " and name eq " + FilterLiteral(name),
                d);
}

Status VergeioClient::DeleteTag(int64_t tag, Deadline d) {
  return Call("DELETE", "/v4/tags/" + std::to_string(tag), "", d).status();
}

Result<std::vector<VergeioMember>> VergeioClient::MembersOf(int64_t vm_key, Deadline d) {
  std::string path = "/v4/tag_members?fields=$key,tag&" +
                     Filter("member eq " + FilterLiteral("vms/" + std::to_string(vm_key)));
  auto r = Call("GET", path, "", d);
  if (!r.ok()) return r.status();
  std::vector<VergeioMember> members;
  Status s = ReadRows(r.value(), Route(path), true, [&members](VergeioRow& e) {
    members.push_back({e.Key(), e.Int("tag")});
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return members;
}

Result<int64_t> VergeioClient::AddMember(int64_t tag, int64_t vm_key, Deadline d) {
  std::string member = "vms/" + std::to_string(vm_key);
  JsonWriter w;
  w.BeginObject().Key("tag").Int(tag).Key("member").String(member).EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  return Create("tag_members", body.value(),
                "tag eq " + std::to_string(tag) + " and member eq " + FilterLiteral(member), d);
}

Status VergeioClient::DeleteMember(int64_t member, Deadline d) {
  return Call("DELETE", "/v4/tag_members/" + std::to_string(member), "", d).status();
}

Result<size_t> VergeioClient::CountMembersOfTag(int64_t tag, Deadline d) {
  auto keys = KeysMatching(http_, "tag_members", "tag eq " + std::to_string(tag), d);
  if (!keys.ok()) return keys.status();
  return keys.value().size();
}

}  // namespace vers::client
