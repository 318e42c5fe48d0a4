// The HTTP API: Vers routes under /api/v1 plus /_admin (faults, counters,
// requests: authorized /api/v1 requests counted by operationId, for tests),
// all behind Bearer auth, with fault injection in front of /api/v1.
#pragma once

#include <httplib.h>

#include <string>

#include "local/faults.h"
#include "local/manager.h"
#include "local/routes.h"

namespace vers::local {

// Registers every route and the auth/fault pre-routing handler on `server`.
// `idempotency` null: X-Idempotency-Key is ignored, as by the real API (see
// routes.h). `manager`, `faults`, `idempotency` (if set) and `api_key` must
// outlive the server.
void RegisterApi(httplib::Server& server, VmManager& manager, Faults& faults,
                 IdempotencyCache* idempotency, const std::string& api_key);

// Route groups (api_vms.cc, api_branch.cc, api_commits.cc, api_repos.cc, api_exec.cc); used by
// RegisterApi.
void RegisterVmRoutes(Routes& routes, VmManager& manager);
void RegisterBranchRoutes(Routes& routes, VmManager& manager);  // restore, branch
void RegisterCommitRoutes(Routes& routes, VmManager& manager);
void RegisterRepoRoutes(Routes& routes, VmManager& manager);     // api_repos.cc
void RegisterImageRoutes(Routes& routes, VmManager& manager);    // api_images.cc
void RegisterAccountRoutes(Routes& routes, VmManager& manager);  // env vars, domains
void RegisterExecRoutes(Routes& routes, VmManager& manager);     // api_exec.cc: exec, files
void RegisterAdminRoutes(httplib::Server& server, VmManager& manager, Faults& faults);

// Helpers shared by the route files.
void SendError(httplib::Response& res, const ApiError& e);
void SendJson(httplib::Response& res, int status, const std::string& body);

}  // namespace vers::local
