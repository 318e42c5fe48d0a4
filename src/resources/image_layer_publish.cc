#include "resources/image_layer_publish.h"

#include "base/log.h"
#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {

namespace {

// Deletes a commit of ours nobody is to use; a warning when it stays.
void DiscardCommit(client::VersClient& api, const std::string& commit_id, client::Deadline d,
                   Diagnostics& diags) {
  Status s = api.DeleteCommit(commit_id, d);
  if (!s.ok() && !s.is_not_found())
    diags.AddWarning("Commit " + commit_id + " was not deleted",
                     s.message() + ". Delete it with DELETE /api/v1/commits/" + commit_id + ".");
}

}  // namespace

Status EnsureRepository(client::VersClient& api, const std::string& name, client::Deadline d) {
  auto repo = api.GetRepository(name, d);
  if (repo.ok()) return Status::Ok();
  if (!repo.status().is_not_found()) return repo.status();
  auto made = api.CreateRepository(
      name, std::string("Image layers cached by vers_image_layer, tagged by content hash."), d);
  if (made.ok() || made.status().is_conflict()) return Status::Ok();
  return made.status();
}

std::optional<std::string> PublishLayer(client::VersClient& api, const client::RepoRef& tag,
                                        const std::string& commit_id, client::Deadline d,
                                        Diagnostics& diags) {
  auto made = api.CreateRepoTag(tag, commit_id, std::nullopt, d);
  if (made.ok()) return commit_id;
  if (!made.status().is_conflict()) {
    AddApiError(diags, "Cannot publish layer " + tag.str(), made.status());
    DiscardCommit(api, commit_id, d, diags);
    return std::nullopt;
  }
  // Another apply built the same layer and published it first: its commit
  // is the layer; ours goes.
  auto winner = api.GetRepoTag(tag, d);
  if (!winner.ok()) {
    AddApiError(diags, "Layer " + tag.str() + " was published meanwhile but cannot be read",
                winner.status());
    DiscardCommit(api, commit_id, d, diags);
    return std::nullopt;
  }
  log::Info("layer published by another apply: adopting it",
            {{"reference", tag.str()}, {"commit_id", winner.value().commit_id}});
  if (winner.value().commit_id != commit_id) DiscardCommit(api, commit_id, d, diags);
  return winner.value().commit_id;
}

void ReleaseLayer(client::VersClient& api, const std::optional<client::RepoRef>& tag,
                  const std::string& commit_id, client::Deadline d, Diagnostics& diags) {
  bool untagged = false;
  if (tag) {
    auto t = api.GetRepoTag(*tag, d);
    if (t.ok() && t.value().commit_id == commit_id) {
      Status s = api.DeleteRepoTag(*tag, d);
      if (!s.ok() && !s.is_not_found())
        return AddApiError(diags, "Cannot delete layer tag " + tag->str(), s);
      untagged = s.ok();
    } else if (!t.ok() && !t.status().is_not_found()) {
      return AddApiError(diags, "Cannot read layer tag " + tag->str(), t.status());
    }
  }
  // Another repository's tag (or this one's under another name) still
  // publishes the commit: it stays.
  auto repos = api.ListRepositories(d);
  if (!repos.ok()) return AddApiError(diags, "Cannot list repositories", repos.status());
  for (const auto& r : repos.value()) {
    auto tags = api.ListRepoTags(r.name, d);
    if (!tags.ok() && tags.status().is_not_found()) continue;  // deleted meanwhile
    if (!tags.ok()) return AddApiError(diags, "Cannot list tags of " + r.name, tags.status());
    for (const auto& other : tags.value()) {
      if (other.commit_id != commit_id) continue;
      return diags.AddWarning("Commit " + commit_id + " kept",
                              "The tag " + r.name + ":" + other.tag_name +
                                  " still points to it; it is deleted with its last tag.");
    }
  }
  Status s = api.DeleteCommit(commit_id, d);
  if (s.ok() || s.is_not_found()) return;
  if (s.is_conflict()) {
    // The commit stays: so does its cache entry, or it would be a commit
    // nothing finds.
    std::string tag_note;
    if (untagged) {
      auto again = api.CreateRepoTag(*tag, commit_id, std::nullopt, d);
      tag_note = again.ok() ? " Its tag " + tag->str() + " is kept too."
                            : " Its tag " + tag->str() +
                                  " could not be put back: " + again.status().message() + ".";
    }
    return diags.AddWarning("Commit " + commit_id + " kept",
                            "Something still uses it: " + s.message() + "." + tag_note +
                                " Once what uses it is gone (a layer built on it, a VM restored "
                                "from it), deleting the tag deletes it from the cache.");
  }
  AddApiError(diags, "Cannot delete commit " + commit_id, s);
}

}  // namespace vers::resources
