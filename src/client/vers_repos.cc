// VersClient's repositories: repositories, their tags and the public views
// (forks and VMs made by "repo:tag" are in vers_repo_makes.cc). Creates are
// reconciled by name (client/reconcile.h): names are unique in the account.
#include "base/json_writer.h"
#include "client/vers_client.h"
#include "client/vers_json.h"

namespace vers::client {
namespace {

using std::optional;
using std::string;

void OptionalMember(JsonWriter& w, const char* key, const optional<string>& v) {
  if (v) w.Key(key).String(*v);
}

string RepoPath(const string& repo) { return "/repositories/" + EscapePathSegment(repo); }
string TagPath(const RepoRef& ref) {
  return RepoPath(ref.repo) + "/tags/" + EscapePathSegment(ref.tag);
}
string PublicPath(const string& org, const string& name) {
  return "/public/repositories/" + EscapePathSegment(org) + "/" + EscapePathSegment(name);
}

template <typename T>
Result<T> Parsed(const Result<string>& body, Result<T> (*parse)(std::string_view)) {
  if (!body.ok()) return body.status();
  return parse(body.value());
}

}  // namespace

Result<Repository> VersClient::CreateRepository(const string& name,
                                                const optional<string>& description, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("name").String(name);
  OptionalMember(w, "description", description);
  auto body = w.EndObject().Take();
  if (!body.ok()) return body.status();
  auto made =
      CreateReconciled<string>([&] { return Create("/repositories", body.value(), d); },
                               [&]() -> Result<optional<string>> {
                                 auto r = Call("GET", RepoPath(name), "", d, /*see_through=*/true);
                                 if (r.status().is_not_found()) return optional<string>();
                                 if (!r.ok()) return r.status();
                                 return optional<string>(name);
                               },
                               Reconcile("repository " + name, d));
  if (!made.ok()) return made.status();
  // It exists whatever happens now: a failed read-back still answers with it.
  auto read = Parsed(Call("GET", RepoPath(name), "", d, /*see_through=*/true), ParseRepository);
  if (read.ok()) return read;
  Repository requested;
  requested.name = name;
  requested.description = description;
  return requested;
}

Result<Repository> VersClient::GetRepository(const string& name, Deadline d) {
  return Parsed(Call("GET", RepoPath(name), "", d), ParseRepository);
}

Result<std::vector<Repository>> VersClient::ListRepositories(Deadline d) {
  return Parsed(Call("GET", "/repositories", "", d), ParseRepositoryList);
}

Status VersClient::DeleteRepository(const string& name, Deadline d) {
  return Call("DELETE", RepoPath(name), "", d).status();
}

Status VersClient::SetRepositoryVisibility(const string& name, bool is_public, Deadline d) {
  JsonWriter w;
  auto body = w.BeginObject().Key("is_public").Bool(is_public).EndObject().Take();
  if (!body.ok()) return body.status();
  return Call("PATCH", RepoPath(name) + "/visibility", body.value(), d).status();
}

Result<RepoTag> VersClient::ReadRepoTag(const RepoRef& ref, Deadline d, bool see_through) {
  return Parsed(Call("GET", TagPath(ref), "", d, see_through), ParseRepoTag);
}

Result<RepoTag> VersClient::CreateRepoTag(const RepoRef& ref, const string& commit_id,
                                          const optional<string>& description, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("tag_name").String(ref.tag).Key("commit_id").String(commit_id);
  OptionalMember(w, "description", description);
  auto body = w.EndObject().Take();
  if (!body.ok()) return body.status();
  auto made = CreateReconciled<string>(
      [&] { return Create(RepoPath(ref.repo) + "/tags", body.value(), d); },
      [&]() -> Result<optional<string>> {
        auto t = ReadRepoTag(ref, d, /*see_through=*/true);
        if (t.status().is_not_found()) return optional<string>();
        if (!t.ok()) return t.status();
        if (t.value().commit_id != commit_id) {
          return Status::Conflict("tag " + ref.str() + " exists and points to commit " +
                                  t.value().commit_id + ", not " + commit_id);
        }
        return optional<string>(ref.str());
      },
      Reconcile("tag " + ref.str(), d));
  if (!made.ok()) return made.status();
  auto read = ReadRepoTag(ref, d, /*see_through=*/true);
  if (read.ok()) return read;
  RepoTag requested;
  requested.tag_name = ref.tag;
  requested.reference = ref.str();
  requested.commit_id = commit_id;
  requested.description = description;
  return requested;
}

Result<RepoTag> VersClient::GetRepoTag(const RepoRef& ref, Deadline d) {
  return ReadRepoTag(ref, d, false);
}

Result<std::vector<RepoTag>> VersClient::ListRepoTags(const string& repo, Deadline d) {
  return Parsed(Call("GET", RepoPath(repo) + "/tags", "", d), ParseRepoTagList);
}

Status VersClient::UpdateRepoTag(const RepoRef& ref, const string& commit_id,
                                 const optional<string>& description, Deadline d) {
  // UpdateRepoTagRequest.description: "Send `null` to clear".
  JsonWriter w;
  w.BeginObject().Key("commit_id").String(commit_id).Key("description");
  if (description) {
    w.String(*description);
  } else {
    w.Null();
  }
  auto body = w.EndObject().Take();
  if (!body.ok()) return body.status();
  return Call("PATCH", TagPath(ref), body.value(), d).status();
}

Status VersClient::DeleteRepoTag(const RepoRef& ref, Deadline d) {
  return Call("DELETE", TagPath(ref), "", d).status();
}

Result<std::vector<PublicRepository>> VersClient::ListPublicRepositories(Deadline d) {
  return Parsed(Call("GET", "/public/repositories", "", d), ParsePublicRepositoryList);
}

Result<PublicRepository> VersClient::GetPublicRepository(const string& org, const string& name,
                                                         Deadline d) {
  return Parsed(Call("GET", PublicPath(org, name), "", d), ParsePublicRepository);
}

Result<std::vector<RepoTag>> VersClient::ListPublicRepoTags(const string& org, const string& name,
                                                            Deadline d) {
  return Parsed(Call("GET", PublicPath(org, name) + "/tags", "", d), ParseRepoTagList);
}

}  // namespace vers::client
