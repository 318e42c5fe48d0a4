// Parsing of the Vers API's repository answers (RepositoryInfo, RepoTagInfo,
// PublicRepositoryInfo, their lists, ForkRepositoryResponse).
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

// The required string `key` of `o`, for the API's `what`.
Status Need(const object& o, const char* key, std::string& out, const char* what) {
  auto v = OptString(o, key);
  if (!v) return Status::Error(std::string("the Vers API's ") + what + " lacks \"" + key + "\"");
  out = *v;
  return Status::Ok();
}

Result<object> ObjectOf(const element& e, const char* what) {
  object o;
  if (e.get_object().get(o) != simdjson::SUCCESS)
    return Status::Error(std::string("the Vers API's ") + what + " is not an object");
  return o;
}

Result<Repository> RepositoryFrom(const element& e) {
  auto o = ObjectOf(e, "repository");
  if (!o.ok()) return o.status();
  Repository r;
  if (Status s = Need(o.value(), "name", r.name, "repository"); !s.ok()) return s;
  r.repo_id = OptString(o.value(), "repo_id").value_or("");
  r.description = OptString(o.value(), "description");
  r.created_at = OptString(o.value(), "created_at").value_or("");
  bool is_public = false;
  if (o.value()["is_public"].get_bool().get(is_public) != simdjson::SUCCESS)
    return Status::Error("the Vers API's repository lacks \"is_public\"");
  r.is_public = is_public;
  return r;
}

Result<RepoTag> RepoTagFrom(const element& e) {
  auto o = ObjectOf(e, "repository tag");
  if (!o.ok()) return o.status();
  RepoTag t;
  if (Status s = Need(o.value(), "tag_name", t.tag_name, "repository tag"); !s.ok()) return s;
  if (Status s = Need(o.value(), "commit_id", t.commit_id, "repository tag"); !s.ok()) return s;
  t.tag_id = OptString(o.value(), "tag_id").value_or("");
  t.reference = OptString(o.value(), "reference").value_or("");
  t.description = OptString(o.value(), "description");
  t.created_at = OptString(o.value(), "created_at").value_or("");
  t.updated_at = OptString(o.value(), "updated_at").value_or("");
  return t;
}

Result<PublicRepository> PublicRepositoryFrom(const element& e) {
  auto o = ObjectOf(e, "public repository");
  if (!o.ok()) return o.status();
  PublicRepository r;
  for (auto [key, out] : {std::pair{"name", &r.name}, std::pair{"org_name", &r.org_name}}) {
    if (Status s = Need(o.value(), key, *out, "public repository"); !s.ok()) return s;
  }
  r.repo_id = OptString(o.value(), "repo_id").value_or("");
  r.full_name = OptString(o.value(), "full_name").value_or(r.org_name + "/" + r.name);
  r.description = OptString(o.value(), "description");
  r.created_at = OptString(o.value(), "created_at").value_or("");
  return r;
}

// Parses `json` and applies `from` to it (one) or to each element of its
// array member `key` (a list).
template <typename T, typename F>
Result<T> One(std::string_view json, F from) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS)
    return Status::Error("the Vers API answered with malformed JSON");
  return from(doc);
}

template <typename T, typename F>
Result<std::vector<T>> ListOf(std::string_view json, const char* key, F from) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json.data(), json.size()).get(doc) != simdjson::SUCCESS)
    return Status::Error("the Vers API answered with malformed JSON");
  simdjson::dom::array arr;
  if (doc[key].get_array().get(arr) != simdjson::SUCCESS)
    return Status::Error(std::string("the Vers API's list lacks \"") + key + "\"");
  std::vector<T> out;
  for (element e : arr) {
    auto v = from(e);
    if (!v.ok()) return v.status();
    out.push_back(std::move(v).value());
  }
  return out;
}

}  // namespace

Result<Repository> ParseRepository(std::string_view json) {
  return One<Repository>(json, RepositoryFrom);
}
Result<std::vector<Repository>> ParseRepositoryList(std::string_view json) {
  return ListOf<Repository>(json, "repositories", RepositoryFrom);
}
Result<RepoTag> ParseRepoTag(std::string_view json) { return One<RepoTag>(json, RepoTagFrom); }
Result<std::vector<RepoTag>> ParseRepoTagList(std::string_view json) {
  return ListOf<RepoTag>(json, "tags", RepoTagFrom);
}
Result<PublicRepository> ParsePublicRepository(std::string_view json) {
  return One<PublicRepository>(json, PublicRepositoryFrom);
}
Result<std::vector<PublicRepository>> ParsePublicRepositoryList(std::string_view json) {
  return ListOf<PublicRepository>(json, "repositories", PublicRepositoryFrom);
}

Result<ForkResult> ParseForkResult(std::string_view json) {
  return One<ForkResult>(json, [](const element& e) -> Result<ForkResult> {
    auto o = ObjectOf(e, "fork answer");
    if (!o.ok()) return o.status();
    ForkResult f;
    for (auto [key, out] :
         {std::pair{"vm_id", &f.vm_id}, std::pair{"commit_id", &f.commit_id},
          std::pair{"repo_name", &f.repo_name}, std::pair{"tag_name", &f.tag_name}}) {
      if (Status s = Need(o.value(), key, *out, "fork answer"); !s.ok()) return s;
    }
    f.reference = OptString(o.value(), "reference").value_or(f.repo_name + ":" + f.tag_name);
    return f;
  });
}

}  // namespace vers::client
