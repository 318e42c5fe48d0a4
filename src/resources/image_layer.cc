// vers_image_layer once made: read, updated in place, destroyed, imported.
#include "resources/image_layer.h"

#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/image_layer_hash.h"
#include "resources/image_layer_parent.h"
#include "resources/image_layer_publish.h"
#include "resources/vm_common.h"

namespace vers::resources {

namespace {

std::optional<client::RepoRef> TagOf(const cty::Value& object) {
  auto repo = values::Get(object, kLayer.cache_repository);
  auto hash = values::Get(object, kLayer.content_hash);
  if (!repo || !hash) return std::nullopt;
  return LayerTag(*repo, *hash);
}

}  // namespace

void ImageLayer::Read(const ReadRequest& req, ReadResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto id = values::Get(req.state, kLayer.commit_id);
  if (api == nullptr || !id) return;
  auto c = api->GetCommit(*id, std::chrono::steady_clock::now() + std::chrono::minutes(2));
  if (!c.ok() && c.status().is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!c.ok()) return AddApiError(resp.diagnostics, "Cannot read commit " + *id, c.status());
  resp.state = req.state;
}

void ImageLayer::Update(const UpdateRequest& req, StateResponse& resp) const {
  // A layer imported by commit id gets its hash in its first apply: its tag
  // must point to that commit, or is made to.
  auto tag = TagOf(req.plan);
  auto commit = values::Get(req.state, kLayer.commit_id);
  if (!values::Get(req.state, kLayer.content_hash) && tag && commit) {
    client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
    if (api == nullptr) return;
    auto d = DeadlineFor(req.plan, "create", std::chrono::minutes(5));
    auto t = api->GetRepoTag(*tag, d);
    if (t.ok() && t.value().commit_id != *commit)
      return resp.diagnostics.AddError(
          "Imported commit is not this layer",
          "The configuration's layer is cached as " + tag->str() + ", which points to commit " +
              t.value().commit_id + ", not the imported " + *commit +
              ". Import that commit instead, or remove this layer from the state "
              "(`terraform state rm`) to adopt the cached one.");
    if (!t.ok() && !t.status().is_not_found())
      return AddApiError(resp.diagnostics, "Cannot look up layer " + tag->str(), t.status());
    if (!t.ok()) {
      Status s = EnsureRepository(*api, tag->repo, d);
      auto made = s.ok() ? api->CreateRepoTag(*tag, *commit, std::nullopt, d).status() : s;
      if (!made.ok())
        return AddApiError(resp.diagnostics, "Cannot tag the imported commit as " + tag->str(),
                           made);
    }
  }
  values::ObjectBuilder out(req.plan);
  out.FillUnknownFrom(req.state);
  if (!values::Get(req.state, kLayer.cached)) out.Set(kLayer.cached, false);
  resp.state = out.Build();
}

void ImageLayer::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  if (values::Get(req.state, kLayer.retain).value_or(true)) return;
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto commit = values::Get(req.state, kLayer.commit_id);
  if (api == nullptr || !commit) return;
  ReleaseLayer(*api, TagOf(req.state), *commit,
               DeadlineFor(req.state, "delete", std::chrono::minutes(10)), resp.diagnostics);
}

void ImageLayer::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  if (!IsUuidText(req.id))
    return resp.diagnostics.AddError(
        "Invalid import id",
        "\"" + req.id +
            "\" is not a commit id. vers_image_layer imports by the layer's commit id (a UUID); "
            "the first apply then records the configured inputs and tags the commit in the "
            "cache repository, without rebuilding.");
  resp.state = values::ObjectBuilder(ImportById(GetSchema(), req.id))
                   .Set(kLayer.commit_id, req.id)
                   .Set(kLayer.retain, true)
                   .Set(kLayer.cached, false)
                   .Build();
}

}  // namespace vers::resources
