// Routes that make VMs from commits: POST /vm/from_commit (restore), and the
// branches POST /vm/{vm_or_commit_id}/branch, /vm/branch/by_{vm,commit,tag}/
// {id} and /vm/branch/by_ref/{repo_name}/{tag_name}. Branch queries as the
// real API reads them: count is a u8 (0-255, default 1), keep_paused and
// skip_wait_boot booleans; wait_boot is vers-local's own (wait until the new
// VMs run).
#include <optional>
#include <utility>
#include <vector>

#include "local/api.h"
#include "local/api_json.h"
#include "local/api_request.h"

namespace vers::local {
namespace {

// The spec gives the by_* routes' errors the NewVmsResponse body, which is
// what the real API's branch action sends ({"vms": [], "error": ...});
// /vm/{vm_or_commit_id}/branch gives them ErrorResponse.
enum class ErrorBody { kErrorResponse, kNewVmsResponse };

void SendBranchError(httplib::Response& res, ErrorBody shape, const ApiError& e) {
  if (shape == ErrorBody::kErrorResponse) return SendError(res, e);
  SendJson(res, e.status, BranchErrorJson(e.message));
}

void Branch(VmManager& m, const std::string& parent, ErrorBody shape, const httplib::Request& req,
            httplib::Response& res) {
  auto count = QueryInt(req, "count", 0, 255);
  if (!count.ok()) return SendBranchError(res, shape, count.error());
  bool flags[3];
  const char* names[3] = {"keep_paused", "skip_wait_boot", "wait_boot"};
  for (int i = 0; i < 3; ++i) {
    auto v = QueryBool(req, names[i], false);
    if (!v.ok()) return SendBranchError(res, shape, v.error());
    flags[i] = v.value();
  }
  auto r = m.Branch(parent, static_cast<int>(count.value().value_or(1)), flags[0], flags[2]);
  if (!r.ok()) return SendBranchError(res, shape, r.error());
  SendJson(res, 201, VmIdsJson(r.value()));
}

}  // namespace

void RegisterBranchRoutes(Routes& s, VmManager& m) {
  // FromCommitVmRequest is a oneOf: exactly one of its variants ({commit_id},
  // {tag_name}, {ref}) must fit; other properties are allowed.
  s.Post("/api/v1/vm/from_commit", [&m](const httplib::Request& req, httplib::Response& res) {
    JsonDoc doc;
    if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
    auto wait = QueryBool(req, "wait_boot", false);
    if (!wait.ok()) return SendError(res, wait.error());
    auto root = doc.root();
    std::optional<ApiError> misfit;
    std::vector<std::pair<std::string, std::string>> fits;  // key, value
    for (const char* key : {"commit_id", "tag_name", "ref"}) {
      if (!Has(root, key)) continue;
      auto v =
          std::string(key) == "commit_id" ? OptionalUuid(root, key) : OptionalString(root, key);
      if (v.ok() && v.value() && std::string(key) == "ref") {
        // The real API refuses a ref that is not "repo_name:tag_name" with 400.
        auto colon = v.value()->find(':');
        if (colon == 0 || colon == std::string::npos || colon + 1 == v.value()->size())
          v = BadRequest("ref must be \"repo_name:tag_name\"");
      }
      if (v.ok() && v.value()) {
        fits.emplace_back(key, *v.value());
      } else if (!misfit) {
        misfit = v.ok() ? BadRequest(std::string(key) + " must not be null") : v.error();
      }
    }
    if (fits.size() != 1) {
      if (fits.empty() && misfit) return SendError(res, *misfit);
      return SendError(res, BadRequest("exactly one of commit_id, tag_name or ref is required"));
    }
    auto [key, value] = fits.front();
    if (key == "ref") {  // "repo_name:tag_name", split at the first ':' as the real API does
      auto commit =
          m.ResolveRef(value.substr(0, value.find(':')), value.substr(value.find(':') + 1));
      if (!commit.ok()) return SendError(res, commit.error());
      key = "commit_id";
      value = commit.value();
    }
    auto r = m.FromCommit(value, key == "tag_name", wait.value());
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 201, VmIdJson(r.value()));
  });

  s.Post("/api/v1/vm/([^/]+)/branch", [&m](const httplib::Request& req, httplib::Response& res) {
    const std::string id = req.matches[1];
    if (auto u = RequireUuid(id, "vm_or_commit_id"); !u.ok()) return SendError(res, u.error());
    Branch(m, id, ErrorBody::kErrorResponse, req, res);
  });
  s.Post("/api/v1/vm/branch/by_vm/([^/]+)",
         [&m](const httplib::Request& req, httplib::Response& res) {
           const std::string id = req.matches[1];
           const auto shape = ErrorBody::kNewVmsResponse;
           if (auto u = RequireUuid(id, "vm_id"); !u.ok())
             return SendBranchError(res, shape, u.error());
           if (auto vm = m.Get(id); !vm.ok()) return SendBranchError(res, shape, vm.error());
           Branch(m, id, shape, req, res);
         });
  s.Post("/api/v1/vm/branch/by_commit/([^/]+)",
         [&m](const httplib::Request& req, httplib::Response& res) {
           const std::string id = req.matches[1];
           const auto shape = ErrorBody::kNewVmsResponse;
           if (auto u = RequireUuid(id, "commit_id"); !u.ok())
             return SendBranchError(res, shape, u.error());
           if (auto c = m.GetCommit(id); !c.ok()) return SendBranchError(res, shape, c.error());
           Branch(m, id, shape, req, res);
         });
  s.Post("/api/v1/vm/branch/by_tag/([^/]+)",
         [&m](const httplib::Request& req, httplib::Response& res) {
           const auto shape = ErrorBody::kNewVmsResponse;
           auto tag = m.GetTag(req.matches[1]);
           if (!tag.ok()) return SendBranchError(res, shape, tag.error());
           Branch(m, tag.value().commit_id, shape, req, res);
         });
  s.Post("/api/v1/vm/branch/by_ref/([^/]+)/([^/]+)",
         [&m](const httplib::Request& req, httplib::Response& res) {
           auto commit = m.ResolveRef(req.matches[1], req.matches[2]);
           if (!commit.ok())
             return SendBranchError(res, ErrorBody::kNewVmsResponse, commit.error());
           Branch(m, commit.value(), ErrorBody::kNewVmsResponse, req, res);
         });
}

}  // namespace vers::local
