// vers_commits (declared in vms.h): commits by name or tag, public commits,
// or a commit's lineage.
#include <algorithm>

#include "datasources/read_deadline.h"
#include "datasources/vms.h"
#include "plugin/values.h"
#include "resources/context.h"
#include "resources/framework.h"

namespace vers::datasources {

using cty::Value;

namespace {

// One element of vers_commits' `commits`.
struct CommitElementAttrs : schema::AttrSet {
  schema::Attr<std::string> commit_id{this, "commit_id"};
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> created_at{this, "created_at"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> parent_vm_id{this, "parent_vm_id"};
  schema::Attr<std::string> grandparent_commit_id{this, "grandparent_commit_id"};
  schema::Attr<bool> is_public{this, "is_public"};
};
const CommitElementAttrs kCommitElement;

struct CommitsAttrs : schema::AttrSet {
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> tag{this, "tag"};
  schema::Attr<bool> is_public{this, "public"};
  schema::Attr<std::string> parents_of{this, "parents_of"};
  schema::Attr<cty::Value> commits{this, "commits", kCommitElement.ListType()};
  schema::Attr<std::string> latest_commit_id{this, "latest_commit_id"};
};
const CommitsAttrs kCommits;

Value CommitObject(const client::Commit& c) {
  return values::ObjectBuilder(kCommitElement.ObjectType())
      .Set(kCommitElement.commit_id, c.commit_id)
      .Set(kCommitElement.name, c.name)
      .Set(kCommitElement.created_at, c.created_at)
      .SetOrNull(kCommitElement.description, c.description)
      .SetOrNull(kCommitElement.parent_vm_id, c.parent_vm_id)
      .SetOrNull(kCommitElement.grandparent_commit_id, c.grandparent_commit_id)
      .Set(kCommitElement.is_public, c.is_public)
      .Build();
}

schema::Schema CommitsSchema() {
  schema::Schema s;
  s.block.description =
      "Commits, optionally those with a given `name` or the one a `tag` points to. Use it to reuse "
      "an "
      "existing golden image instead of rebuilding it: `length(data.vers_commits.x.commits) > 0`.";
  s.block.attributes = {
      kCommits.name.Declare().Optional().Description("Only commits with this name."),
      kCommits.tag.Declare().Optional().Description("Only the commit this tag points to."),
      kCommits.is_public.Declare().Optional().Description(
          "List the public commits (anyone's, `GET /commits/public`) instead of the account's."),
      kCommits.parents_of.Declare().Optional().Description(
          "List this commit and its ancestors to the root, in that order "
          "(`GET /vm/commits/{id}/parents`): an image's lineage."),
      kCommits.commits.Declare().Computed().Description(
          "Matching commits, newest first (with `parents_of`: the commit, then its "
          "ancestors): `commit_id`, `name`, `created_at`, `description`, `parent_vm_id`, "
          "`grandparent_commit_id`, `is_public`."),
      kCommits.latest_commit_id.Declare().Computed().Description(
          "The newest matching commit's id, or null."),
  };
  s.attr_sets = {&kCommits};
  return s;
}

}  // namespace

Commits::Commits() : WithSchema("vers_commits", CommitsSchema()) {}

void Commits::Read(const ReadDataRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VersClient* api = ctx.Client(resp.diagnostics);
  if (api == nullptr) return;
  auto name = values::Get(req.config, kCommits.name);
  auto tag = values::Get(req.config, kCommits.tag);
  std::optional<std::string> tagged;
  if (tag) {
    auto t = api->GetTag(*tag, ReadDeadline());
    if (!t.ok() && !t.status().is_not_found()) {
      resp.diagnostics.AddError("Cannot read tag " + *tag, t.status().message(),
                                kCommits.tag.path());
      return;
    }
    tagged = t.ok() ? t.value().commit_id : "";  // a missing tag matches nothing
  }
  auto parents_of = values::Get(req.config, kCommits.parents_of);
  const bool is_public = values::Get(req.config, kCommits.is_public).value_or(false);
  if (parents_of && is_public) {
    resp.diagnostics.AddError("Conflicting arguments",
                              "Set at most one of public and parents_of: a lineage lists the "
                              "commit's own ancestors.",
                              kCommits.parents_of.path());
    return;
  }
  auto commits = parents_of  ? api->CommitLineage(*parents_of, ReadDeadline())
                 : is_public ? api->ListPublicCommits(ReadDeadline())
                             : api->ListCommits(ReadDeadline());
  if (!commits.ok()) {
    resp.diagnostics.AddError(
        parents_of ? "Cannot list the parents of commit " + *parents_of
                   : std::string("Cannot list commits"),
        commits.status().message(),
        parents_of ? std::optional(kCommits.parents_of.path()) : std::nullopt);
    return;
  }
  std::vector<client::Commit> matching;
  for (const auto& c : commits.value()) {
    if ((name && c.name != *name) || (tagged && c.commit_id != *tagged)) continue;
    matching.push_back(c);
  }
  if (!parents_of) {  // a lineage keeps the API's order: the commit, then its ancestors
    std::stable_sort(matching.begin(), matching.end(),
                     [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  }
  Value::Elements list;
  for (const auto& c : matching) list.push_back(CommitObject(c));
  resp.state =
      values::ObjectBuilder(req.config)
          .Set(kCommits.commits, Value::List(kCommitElement.ObjectType(), std::move(list)))
          .SetOrNull(kCommits.latest_commit_id,
                     matching.empty() ? std::nullopt : std::optional(matching.front().commit_id))
          .Build();
}

}  // namespace vers::datasources
