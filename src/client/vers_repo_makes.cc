// VersClient's makings from a repository tag: forks into a new repository,
// and VMs restored or branched by "repo:tag". A lost fork is found by the new
// repository's tag, a lost VM from the commit the tag points to.
#include "base/json_writer.h"
#include "client/vers_client.h"
#include "client/vers_json.h"

namespace vers::client {
namespace {

using std::optional;
using std::string;

// The "vm_id" of a restore's answer; an unreadable answer still says the
// VM was made.
CreateAttempt<string> WithVmId(CreateAttempt<string> a) {
  if (!a.result.ok()) return a;
  a.result = ParseField(a.result.value(), "vm_id");
  a.may_have_made_it = !a.result.ok();
  return a;
}

}  // namespace

Result<ForkResult> VersClient::ForkRepository(const ForkRequest& request, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("source_org").String(request.source_org);
  w.Key("source_repo").String(request.source_repo).Key("source_tag").String(request.source_tag);
  if (request.repo_name) w.Key("repo_name").String(*request.repo_name);
  if (request.tag_name) w.Key("tag_name").String(*request.tag_name);
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
