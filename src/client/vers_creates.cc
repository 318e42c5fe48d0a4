// VersClient's creates: each is sent once per attempt and, when its outcome
// is unknown, looked for before it is sent again (client/reconcile.h).
#include "base/uuid.h"
#include "client/vers_bodies.h"
#include "client/vers_client.h"
#include "client/vers_json.h"

namespace vers::client {
namespace {

using std::optional;
using std::string;

// The answer's `field` as the attempt's result. An answer that cannot be
// read still says the create was carried out.
CreateAttempt<string> WithField(CreateAttempt<string> a, const char* field) {
  if (!a.result.ok()) return a;
  a.result = ParseField(a.result.value(), field);
  a.may_have_made_it = !a.result.ok();
  return a;
}

Result<optional<string>> Nothing() { return optional<string>(); }

}  // namespace

Result<string> VersClient::NewRootVm(const VmConfig& config, bool wait_boot, Deadline d) {
  if (config.labels.count(kCreateTokenLabel))
    return Status::Error(string("the label \"") + kCreateTokenLabel +
                         "\" is the provider's own; use another label key");
  const string token = base::NewRandomUuid();
  auto body = NewRootBody(config, token);
  if (!body.ok()) return body.status();
  const string path = "/vm/new_root?wait_boot=" + QueryBool(wait_boot);
  return CreateReconciled<string>([&] { return WithField(Create(path, body.value(), d), "vm_id"); },
                                  [&]() -> Result<optional<string>> {
                                    auto vms = ListVmsWithTokens(d, /*see_through=*/true);
                                    if (!vms.ok()) return vms.status();
                                    for (const auto& vm : vms.value()) {
                                      auto t = vm.labels.find(kCreateTokenLabel);
                                      if (t != vm.labels.end() && t->second == token)
                                        return optional<string>(vm.vm_id);
                                    }
                                    return Nothing();
                                  },
                                  Reconcile("a root VM", d));
}

Result<string> VersClient::CommitVm(const string& vm_id, const CommitOptions& options, Deadline d) {
  int asked = 0;
  string commit_id;
  auto next_id = [&] {
    commit_id = options.intent.empty()
                    ? base::NewRandomUuid()
                    : base::DerivedUuid(options.intent + "#" + std::to_string(asked));
    ++asked;
  };
  next_id();
  const string path =
      "/vm/" + EscapePathSegment(vm_id) + "/commit?keep_paused=" + QueryBool(options.keep_paused);
  return CreateReconciled<string>(
      [&]() -> CreateAttempt<string> {
        auto body = CommitBody(commit_id, options);
        if (!body.ok()) return {body.status(), false};
        return WithField(Create(path, body.value(), d), "commit_id");
      },
      [&]() -> Result<optional<string>> {
        auto c = ReadCommit(commit_id, d, /*see_through=*/true);
        if (c.ok()) {
          const auto& parent = c.value().parent_vm_id;
          if (!parent || *parent == vm_id) return optional<string>(commit_id);
          return Status::Conflict("commit " + commit_id + " exists and is a commit of VM " +
                                  *parent + ", not " + vm_id);
        }
        if (!c.status().is_not_found()) return c.status();
        // Not made; the id may still be taken (by a deleted commit), so the
        // next attempt asks for the next one.
        next_id();
        return Nothing();
      },
      Reconcile("commit of VM " + vm_id, d));
}

Result<Tag> VersClient::CreateTag(const string& name, const string& commit_id,
                                  const optional<string>& description, Deadline d) {
  auto body = TagBody(name, commit_id, description);
  if (!body.ok()) return body.status();
  auto made = CreateReconciled<string>(
      [&] { return Create("/commit_tags", body.value(), d); },
      [&]() -> Result<optional<string>> {
        auto t = ReadTag(name, d, /*see_through=*/true);
        if (t.status().is_not_found()) return Nothing();
        if (!t.ok()) return t.status();
        if (t.value().commit_id != commit_id) {
          return Status::Conflict("tag " + name + " exists and points to commit " +
                                  t.value().commit_id + ", not " + commit_id);
        }
        return optional<string>(name);
      },
      Reconcile("tag " + name, d));
  if (!made.ok()) return made.status();
  // Read back as part of the create; the tag exists whatever happens now, so
  // a failed read-back still answers with it (issue 10, item 1).
  auto read = ReadTag(name, d, /*see_through=*/true);
  if (read.ok()) return read;
  Tag requested;
  requested.tag_name = name;
  requested.commit_id = commit_id;
  requested.description = description;
  return requested;
}

Result<string> VersClient::RestoreFromCommit(const string& commit_id, const string& tag_name,
                                             Deadline d) {
  auto body = FromCommitBody(commit_id, tag_name);
  if (!body.ok()) return body.status();
  return CreateDerivedVm(
      commit_id.empty() ? "a VM from tag " + tag_name : "a VM from commit " + commit_id,
      [&] { return WithField(Create("/vm/from_commit", body.value(), d), "vm_id"); },
      [&]() -> Result<string> {
        if (!commit_id.empty()) return commit_id;
        auto t = ReadTag(tag_name, d, /*see_through=*/true);
        if (!t.ok()) return t.status();
        return t.value().commit_id;
      },
      d);
}

Result<std::vector<string>> VersClient::Branch(const string& vm_or_commit_id, bool keep_paused,
                                               int count, Deadline d) {
  const string path = "/vm/" + EscapePathSegment(vm_or_commit_id) +
                      "/branch?keep_paused=" + QueryBool(keep_paused) +
                      "&count=" + std::to_string(count);
  auto attempt = [&]() -> CreateAttempt<std::vector<string>> {
    auto a = Create(path, "", d);
    if (!a.result.ok()) return {a.result.status(), a.may_have_made_it};
    auto ids = ParseBranchVmIds(a.result.value());
    if (!ids.ok() || ids.value().empty()) {
      return {ids.ok() ? Status::Error("the Vers API's branch answer names no VM") : ids.status(),
              true};
    }
    return {std::move(ids).value(), false};
  };
  if (count != 1) return attempt().result;
  auto id = CreateDerivedVm(
      "a branch of " + vm_or_commit_id,
      [&]() -> CreateAttempt<string> {
        auto a = attempt();
        if (!a.result.ok()) return {a.result.status(), a.may_have_made_it};
        return {a.result.value().front(), false};
      },
      [&]() -> Result<string> { return vm_or_commit_id; }, d);
  if (!id.ok()) return id.status();
  return std::vector<string>{id.value()};
}

}  // namespace vers::client
