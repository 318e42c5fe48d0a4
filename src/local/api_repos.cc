// Routes for repositories, their tags, forks and the public (unauthenticated)
// repository views: /repositories/… and /public/repositories/….
#include <initializer_list>
#include <utility>

#include "local/api.h"
#include "local/api_json.h"
#include "local/api_request.h"

namespace vers::local {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;

// Reads the object body and the string fields named (absent or null:
// nullopt; another type: 400); `required` ones must be present. False when
// it has answered.
bool ReadFields(const Req& req, Res& res,
                std::initializer_list<std::pair<const char*, std::optional<std::string>*>> fields,
                std::initializer_list<const char*> required, JsonDoc& doc) {
  if (auto b = ReadJsonObject(req, doc); !b.ok()) {
    SendError(res, b.error());
    return false;
  }
  for (auto [key, out] : fields) {
    auto v = std::string(key) == "commit_id" ? OptionalUuid(doc.root(), key)
                                             : OptionalString(doc.root(), key);
    if (!v.ok()) {
      SendError(res, v.error());
      return false;
    }
    *out = v.value();
  }
  for (const char* key : required) {
    for (auto [k, out] : fields) {
      if (std::string(k) == key && !*out) {
        SendError(res, BadRequest(std::string(key) + " is required (a string)"));
        return false;
      }
    }
  }
  return true;
}

template <typename T, typename F>
void Answer(Res& res, const Outcome<T>& r, int status, F body) {
  if (!r.ok()) return SendError(res, r.error());
  SendJson(res, status, body(r.value()));
}

void NoContent(Res& res, const Outcome<Done>& r) {
  if (!r.ok()) return SendError(res, r.error());
  res.status = 204;
}

void RegisterOwnRepoRoutes(Routes& s, VmManager& m) {
  s.Get("/api/v1/repositories",
        [&m](const Req&, Res& res) { SendJson(res, 200, RepoListJson(m.Repos())); });
  s.Post("/api/v1/repositories", [&m](const Req& req, Res& res) {
    JsonDoc doc;
    std::optional<std::string> name, description;
    if (!ReadFields(req, res, {{"name", &name}, {"description", &description}}, {"name"}, doc))
      return;
    Answer(res, m.CreateRepo(*name, description), 201, CreateRepoJson);
  });
  s.Post("/api/v1/repositories/fork", [&m](const Req& req, Res& res) {
    JsonDoc doc;
    std::optional<std::string> org, repo, tag;
    ForkParams p;
    if (!ReadFields(req, res,
                    {{"source_org", &org},
                     {"source_repo", &repo},
                     {"source_tag", &tag},
                     {"repo_name", &p.repo_name},
                     {"tag_name", &p.tag_name}},
                    {"source_org", "source_repo", "source_tag"}, doc))
      return;
    p.source_org = *org;
    p.source_repo = *repo;
    p.source_tag = *tag;
    Answer(res, m.Fork(p), 201, ForkJson);
  });
  const std::string repo = "/api/v1/repositories/([^/]+)";
  s.Get(repo, [&m](const Req& req, Res& res) {
    Answer(res, m.GetRepo(req.matches[1]), 200, RepoInfoJson);
  });
  s.Delete(repo, [&m](const Req& req, Res& res) { NoContent(res, m.DeleteRepo(req.matches[1])); });
  s.Patch(repo + "/visibility", [&m](const Req& req, Res& res) {
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
    auto is_public = OptionalBool(doc.root(), "is_public");
    if (!is_public.ok()) return SendError(res, is_public.error());
    if (!is_public.value()) return SendError(res, BadRequest("is_public is required (a boolean)"));
    NoContent(res, m.SetRepoVisibility(req.matches[1], *is_public.value()));
  });
  s.Get(repo + "/tags", [&m](const Req& req, Res& res) {
    Answer(res, m.GetRepo(req.matches[1]), 200, RepoTagListJson);
  });
  s.Post(repo + "/tags", [&m](const Req& req, Res& res) {
    JsonDoc doc;
    std::optional<std::string> tag, commit, description;
    if (!ReadFields(req, res,
                    {{"tag_name", &tag}, {"commit_id", &commit}, {"description", &description}},
                    {"tag_name", "commit_id"}, doc))
      return;
    const std::string name = req.matches[1];
    Answer(res, m.CreateRepoTag(name, *tag, *commit, description), 201,
           [&](const RepoTagRecord& t) { return CreateRepoTagJson(name, t); });
  });
  const std::string tag = repo + "/tags/([^/]+)";
  s.Get(tag, [&m](const Req& req, Res& res) {
    const std::string name = req.matches[1];
    Answer(res, m.GetRepoTag(name, req.matches[2]), 200,
           [&](const RepoTagRecord& t) { return RepoTagInfoJson(name, t); });
  });
  s.Patch(tag, [&m](const Req& req, Res& res) {
    JsonDoc doc;
    TagPatch p;
    if (!ReadFields(req, res, {{"commit_id", &p.commit_id}, {"description", &p.description}}, {},
                    doc))
      return;
    // UpdateRepoTagRequest.description: "Send `null` to clear"; absent keeps it.
    p.set_description = Has(doc.root(), "description");
    NoContent(res, m.UpdateRepoTag(req.matches[1], req.matches[2], p));
  });
  s.Delete(tag, [&m](const Req& req, Res& res) {
    NoContent(res, m.DeleteRepoTag(req.matches[1], req.matches[2]));
  });
}

void RegisterPublicRepoRoutes(Routes& s, VmManager& m) {
  s.Get("/api/v1/public/repositories",
        [&m](const Req&, Res& res) { SendJson(res, 200, PublicRepoListJson(m.PublicRepos())); });
  const std::string repo = "/api/v1/public/repositories/([^/]+)/([^/]+)";
  s.Get(repo, [&m](const Req& req, Res& res) {
    Answer(res, m.GetPublicRepo(req.matches[1], req.matches[2]), 200, PublicRepoJson);
  });
  s.Get(repo + "/tags", [&m](const Req& req, Res& res) {
    Answer(res, m.GetPublicRepo(req.matches[1], req.matches[2]), 200, RepoTagListJson);
  });
  s.Get(repo + "/tags/([^/]+)", [&m](const Req& req, Res& res) {
    auto r = m.GetPublicRepo(req.matches[1], req.matches[2]);
    if (!r.ok()) return SendError(res, r.error());
    auto t = r.value().tags.find(req.matches[3]);
    if (t == r.value().tags.end())
      return SendError(
          res, NotFound("tag " + std::string(req.matches[3]) + " in repository " + r.value().name));
    SendJson(res, 200, RepoTagInfoJson(r.value().name, t->second));
  });
}

}  // namespace

void RegisterRepoRoutes(Routes& s, VmManager& m) {
  RegisterOwnRepoRoutes(s, m);
  RegisterPublicRepoRoutes(s, m);
}

}  // namespace vers::local
