#include "vergeio_local/api.h"

#include "local/routes.h"
#include "vergeio_local/http_util.h"

namespace vers::vergeio {
namespace {

bool StartsWith(const std::string& s, std::string_view prefix) { return s.starts_with(prefix); }

// Logging in sends the credentials in the body instead of a header.
bool IsLogin(const httplib::Request& req) {
  return req.method == "POST" && req.path == "/api/sys/tokens";
}

}  // namespace

void RegisterApi(httplib::Server& server, Database& db, Credentials& credentials,
                 local::Faults& faults) {
  server.set_pre_routing_handler(
      [&credentials, &faults](const httplib::Request& req, httplib::Response& res) {
        using R = httplib::Server::HandlerResponse;
        bool api = StartsWith(req.path, "/api/");
        if (!api && !StartsWith(req.path, "/_admin/")) return R::Unhandled;
        if (!IsLogin(req) && !credentials.Accepts(req.get_header_value("Authorization"),
                                                  req.get_header_value("x-yottabyte-token"))) {
          // VergeOS's words (verge-io/ansible-collection-vergeos
          // docs/DEFECTS-D1-D6.md, D5: a wrong password is "Login required").
          SendError(res, 401, "Login required");
          res.set_header("Connection", "close");  // any body is left unread
          return R::Handled;
        }
        // A request with a body is faulted by its route (Mutation) once the body
        // has been read: answering earlier would leave the body in the stream.
        if (api && !local::HasBody(req) && ApplyFaults(faults, req, res)) return R::Handled;
        return R::Unhandled;
      });
  RegisterTableRoutes(server, db, faults);
  RegisterTokenRoutes(server, credentials, faults);
  RegisterAdminRoutes(server, db, credentials, faults);
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) SendError(res, res.status, res.status == 404 ? "no such route" : "error");
  });
}

}  // namespace vers::vergeio
