// VersClient's repositories: repositories, their tags, the public views,
// forks, and restores/branches by "repo:tag". Creates are reconciled by name
// (client/reconcile.h): names are unique in the account.
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

// The "vm_id" of a restore's answer; an unreadable answer still says the
// VM was made.
CreateAttempt<string> WithVmId(CreateAttempt<string> a) {
  if (!a.result.ok()) return a;
  a.result = ParseField(a.result.value(), "vm_id");
  a.may_have_made_it = !a.result.ok();
  return a;
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

Result<ForkResult> VersClient::ForkRepository(const ForkRequest& request, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("source_org").String(request.source_org);
  w.Key("source_repo").String(request.source_repo).Key("source_tag").String(request.source_tag);
  OptionalMember(w, "repo_name", request.repo_name);
  OptionalMember(w, "tag_name", request.tag_name);
  auto body = w.EndObject().Take();
  if (!body.ok()) return body.status();
  const RepoRef made{request.repo_name.value_or(request.source_repo),
                     request.tag_name.value_or(request.source_tag)};
  const string source = request.source_org + "/" + request.source_repo + ":" + request.source_tag;
  return CreateReconciled<ForkResult>(
      [&]() -> CreateAttempt<ForkResult> {
        auto a = Create("/repositories/fork", body.value(), d);
        if (!a.result.ok()) return {a.result.status(), a.may_have_made_it};
        auto f = ParseForkResult(a.result.value());
        return {f, !f.ok()};  // an unreadable answer still says it was made
      },
      [&]() -> Result<optional<ForkResult>> {
        auto t = ReadRepoTag(made, d, /*see_through=*/true);
        if (t.status().is_not_found()) return optional<ForkResult>();
        if (!t.ok()) return t.status();
        auto c = ReadCommit(t.value().commit_id, d, /*see_through=*/true);
        if (!c.ok()) return c.status();
        ForkResult f{c.value().parent_vm_id.value_or(""), t.value().commit_id, made.repo, made.tag,
                     made.str()};
        return optional<ForkResult>(f);
      },
      Reconcile("fork of " + source + " into " + made.str(), d));
}

Result<string> VersClient::RestoreFromRef(const RepoRef& ref, Deadline d) {
  JsonWriter w;
  auto body = w.BeginObject().Key("ref").String(ref.str()).EndObject().Take();
  if (!body.ok()) return body.status();
  auto commit = [&]() -> Result<string> {
    auto t = ReadRepoTag(ref, d, /*see_through=*/true);
    if (!t.ok()) return t.status();
    return t.value().commit_id;
  };
  return CreateDerivedVm(
      "a VM from " + ref.str(),
      [&] { return WithVmId(Create("/vm/from_commit", body.value(), d)); }, commit, d);
}

Result<string> VersClient::BranchByRef(const RepoRef& ref, Deadline d) {
  const string path = "/vm/branch/by_ref/" + EscapePathSegment(ref.repo) + "/" +
                      EscapePathSegment(ref.tag) + "?count=1";
  auto commit = [&]() -> Result<string> {
    auto t = ReadRepoTag(ref, d, /*see_through=*/true);
    if (!t.ok()) return t.status();
    return t.value().commit_id;
  };
  return CreateDerivedVm(
      "a branch of " + ref.str(),
      [&]() -> CreateAttempt<string> {
        auto a = Create(path, "", d);
        if (!a.result.ok()) return a;
        auto ids = ParseBranchVmIds(a.result.value());
        if (!ids.ok()) return {ids.status(), true};
        return {ids.value().front(), false};
      },
      commit, d);
}

}  // namespace vers::client
