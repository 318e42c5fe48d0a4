// Routes for commits, commit tags and the /_admin endpoints.
#include <algorithm>
#include <cstdint>
#include <initializer_list>

#include "local/api.h"
#include "local/api_json.h"
#include "local/api_request.h"

namespace vers::local {
namespace {

constexpr int64_t kDefaultLimit = 50;
constexpr int64_t kMaxLimit = 100;

int64_t IntParam(const httplib::Request& req, const char* name, int64_t fallback) {
  if (!req.has_param(name)) return fallback;
  try {
    return std::stoll(req.get_param_value(name));
  } catch (...) {
    return fallback;
  }
}

void ListCommits(VmManager& m, bool public_only, const httplib::Request& req,
                 httplib::Response& res) {
  for (const char* name : {"limit", "offset"})  // i64 in the real API (ListCommitsQuery)
    if (auto v = QueryInt(req, name, INT64_MIN, INT64_MAX); !v.ok())
      return SendError(res, v.error());
  std::vector<CommitRecord> all;
  for (auto& c : m.Commits())
    if (!public_only || c.is_public) all.push_back(std::move(c));
  // ListCommitsQuery: "Maximum number of commits to return (default: 50,
  // max: 100)". The spec lists no 400 for this operation, so a larger limit
  // is cut to the maximum (the answer's "limit" says so) rather than refused.
  int64_t limit = std::clamp<int64_t>(IntParam(req, "limit", kDefaultLimit), 0, kMaxLimit);
  int64_t offset = std::max<int64_t>(0, IntParam(req, "offset", 0));
  std::vector<CommitRecord> page;
  for (size_t i = static_cast<size_t>(offset); i < all.size() && page.size() < size_t(limit); ++i)
    page.push_back(all[i]);
  SendJson(res, 200, CommitListJson(page, all.size(), limit, offset, m.owner_id()));
}

bool Parse(const httplib::Request& req, httplib::Response& res, JsonDoc& doc) {
  auto read = ReadJsonObject(req, doc);
  if (!read.ok()) SendError(res, read.error());
  return read.ok();
}

// The {commit_id} of the path, which the real API parses as a UUID; false
// when it has answered.
bool CommitIdParam(const httplib::Request& req, httplib::Response& res) {
  auto u = RequireUuid(req.matches[1], "commit_id");
  if (!u.ok()) SendError(res, u.error());
  return u.ok();
}

// Strict optional string fields; false when it has answered.
bool Strings(simdjson::dom::element obj, httplib::Response& res,
             std::initializer_list<std::pair<const char*, std::optional<std::string>*>> fields) {
  for (auto [key, out] : fields) {
    auto v = key == std::string("commit_id") ? OptionalUuid(obj, key) : OptionalString(obj, key);
    if (!v.ok()) {
      SendError(res, v.error());
      return false;
    }
    *out = v.value();
  }
  return true;
}

}  // namespace

void RegisterCommitRoutes(Routes& s, VmManager& m) {
  s.Get("/api/v1/commits", [&m](const httplib::Request& req, httplib::Response& res) {
    ListCommits(m, false, req, res);
  });
  s.Get("/api/v1/commits/public", [&m](const httplib::Request& req, httplib::Response& res) {
    ListCommits(m, true, req, res);
  });
  s.Patch("/api/v1/commits/([^/]+)", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!CommitIdParam(req, res) || !Parse(req, res, doc)) return;
    auto is_public = OptionalBool(doc.root(), "is_public");
    if (!is_public.ok()) return SendError(res, is_public.error());
    if (!is_public.value()) return SendError(res, BadRequest("is_public is required"));
    std::optional<std::string> name, description;
    if (!Strings(doc.root(), res, {{"name", &name}, {"description", &description}})) return;
    auto r = m.UpdateCommit(req.matches[1], *is_public.value(), name, description);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, CommitInfoJson(r.value(), m.owner_id()));
  });
  s.Delete("/api/v1/commits/([^/]+)", [&m](const httplib::Request& req, httplib::Response& res) {
    if (!CommitIdParam(req, res)) return;
    auto r = m.DeleteCommit(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    res.status = 204;
  });
  s.Get("/api/v1/vm/commits/([^/]+)/parents",
        [&m](const httplib::Request& req, httplib::Response& res) {
          if (!CommitIdParam(req, res)) return;
          auto r = m.CommitChain(req.matches[1]);
          if (!r.ok()) return SendError(res, r.error());
          SendJson(res, 200, CommitEntitiesJson(r.value(), m.owner_id()));
        });

  s.Get("/api/v1/commit_tags", [&m](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, TagListJson(m.Tags()));
  });
  s.Post("/api/v1/commit_tags", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!Parse(req, res, doc)) return;
    std::optional<std::string> name, commit, description;
    if (!Strings(doc.root(), res,
                 {{"tag_name", &name}, {"commit_id", &commit}, {"description", &description}}))
      return;
    if (!name || !commit) return SendError(res, BadRequest("tag_name and commit_id are required"));
    auto r = m.CreateTag(*name, *commit, description);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 201, CreateTagJson(r.value()));
  });
  const std::string tag = "/api/v1/commit_tags/([^/]+)";
  s.Get(tag, [&m](const httplib::Request& req, httplib::Response& res) {
    auto r = m.GetTag(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, TagInfoJson(r.value()));
  });
  s.Patch(tag, [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (!Parse(req, res, doc)) return;
    TagPatch p;
    if (!Strings(doc.root(), res, {{"commit_id", &p.commit_id}, {"description", &p.description}}))
      return;
    p.set_description = Has(doc.root(), "description");
    auto r = m.UpdateTag(req.matches[1], p);
    if (!r.ok()) return SendError(res, r.error());
    res.status = 204;
  });
  s.Delete(tag, [&m](const httplib::Request& req, httplib::Response& res) {
    auto r = m.DeleteTag(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    res.status = 204;
  });
}

void RegisterAdminRoutes(httplib::Server& s, VmManager& m, Faults& faults) {
  s.Post("/_admin/faults", [&faults](const httplib::Request& req, httplib::Response& res) {
    auto c = Faults::Parse(req.body);
    if (!c.ok()) return SendError(res, BadRequest(c.status().message()));
    faults.Set(c.value());
    SendJson(res, 200, Faults::ToJson(c.value()));
  });
  s.Get("/_admin/faults", [&faults](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, Faults::ToJson(faults.Get()));
  });
  s.Get("/_admin/counters", [&m](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, CountersJson(m.Counters()));
  });
  s.Get("/_admin/requests", [&m](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, CountersJson(m.ApiRequests()));
  });
}

}  // namespace vers::local
