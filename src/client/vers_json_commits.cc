// Parsing of the Vers API's commit answers: a page of GET /commits
// (ListCommitsResponse of CommitInfo, keyed "commit_id") and the lineage of
// GET /vm/commits/{id}/parents (VmCommitEntity, keyed "id").
#include <simdjson.h>

#include "client/vers_json.h"

namespace vers::client {
namespace {

using simdjson::dom::element;
using simdjson::dom::object;

std::optional<std::string> OptString(const object& o, const char* key) {
  std::string_view v;
  if (o[key].get_string().get(v) != simdjson::SUCCESS) return std::nullopt;
  return std::string(v);
}

// A commit object whose id is under `id_key`.
Result<Commit> CommitFrom(const element& e, const char* id_key) {
  object o;
  if (e.get_object().get(o) != simdjson::SUCCESS)
    return Status::Error("the Vers API's commit is not an object");
  Commit c;
  auto id = OptString(o, id_key);
  if (!id) return Status::Error(std::string("the Vers API's commit lacks \"") + id_key + "\"");
  c.commit_id = *id;
  c.name = OptString(o, "name").value_or("");
  c.created_at = OptString(o, "created_at").value_or("");
  c.description = OptString(o, "description");
  c.parent_vm_id = OptString(o, "parent_vm_id");
  c.grandparent_commit_id = OptString(o, "grandparent_commit_id");
  bool is_public = false;
  if (o["is_public"].get_bool().get(is_public) == simdjson::SUCCESS) c.is_public = is_public;
  return c;
}

Result<std::vector<Commit>> CommitsFrom(const simdjson::dom::array& arr, const char* id_key) {
  std::vector<Commit> out;
  for (element e : arr) {
    auto c = CommitFrom(e, id_key);
    if (!c.ok()) return c.status();
    out.push_back(std::move(c).value());
  }
  return out;
}

}  // namespace

Result<CommitPage> ParseCommitPage(std::string_view json) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS)
    return Status::Error("the Vers API answered with malformed JSON");
  simdjson::dom::array arr;
  if (doc["commits"].get_array().get(arr) != simdjson::SUCCESS)
    return Status::Error("the Vers API's commit list lacks \"commits\"");
  CommitPage page;
  if (doc["total"].get_int64().get(page.total) != simdjson::SUCCESS)
    return Status::Error("the Vers API's commit list lacks \"total\"");
  auto commits = CommitsFrom(arr, "commit_id");
  if (!commits.ok()) return commits.status();
  page.commits = std::move(commits).value();
  return page;
}

Result<Commit> ParseCommitInfo(std::string_view json) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS)
    return Status::Error("the Vers API answered with malformed JSON");
  return CommitFrom(doc, "commit_id");
}

Result<std::vector<Commit>> ParseCommitEntities(std::string_view json) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS)
    return Status::Error("the Vers API answered with malformed JSON");
  simdjson::dom::array arr;
  if (doc.get_array().get(arr) != simdjson::SUCCESS)
    return Status::Error("the Vers API's commit lineage is not an array");
  return CommitsFrom(arr, "id");
}

}  // namespace vers::client
