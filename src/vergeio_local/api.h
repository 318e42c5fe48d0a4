// The HTTP API of vergeio-local:
//   /api/v4/<table>[/<key>]   tables (GET, POST, PUT, DELETE), api_tables.cc
//   /api/v4/vm_actions        power actions (POST), api_tables.cc
//   /api/sys/tokens[/<token>] token login (POST, no auth) and logout (DELETE), api_admin.cc
//   /_admin/faults, /_admin/counters, /_admin/hidden_fields
//                             test controls, never faulted, api_admin.cc
// A pre-routing handler requires Basic or token auth on /api and /_admin
// (401 {"err":..} otherwise) and applies the configured faults to /api.
#pragma once

#include <httplib.h>

#include "local/faults.h"
#include "vergeio_local/credentials.h"
#include "vergeio_local/database.h"

namespace vers::vergeio {

// `db`, `credentials` and `faults` must outlive the server.
void RegisterApi(httplib::Server& server, Database& db, Credentials& credentials,
                 local::Faults& faults);

// Route groups, used by RegisterApi.
void RegisterTableRoutes(httplib::Server& server, Database& db, local::Faults& faults);
void RegisterTokenRoutes(httplib::Server& server, Credentials& credentials, local::Faults& faults);
void RegisterAdminRoutes(httplib::Server& server, Database& db, Credentials& credentials,
                         local::Faults& faults);

}  // namespace vers::vergeio
