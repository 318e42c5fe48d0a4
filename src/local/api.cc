#include "local/api.h"

#include <openssl/crypto.h>

#include <chrono>
#include <thread>

#include "local/api_gate.h"
#include "local/api_json.h"
#include "local/spec_operations.h"

namespace vers::local {

void SendError(httplib::Response& res, const ApiError& e) {
  SendJson(res, e.status, ErrorJson(e.message));
}

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

namespace {

bool Authorized(const httplib::Request& req, const std::string& api_key) {
  std::string h = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (h.size() != prefix.size() + api_key.size() || h.compare(0, prefix.size(), prefix) != 0)
    return false;
  return CRYPTO_memcmp(h.data() + prefix.size(), api_key.data(), api_key.size()) == 0;
}

// The spec operationId a request is for, "other" when none.
std::string OperationIdOf(const httplib::Request& req) {
  for (const SpecOperation* op : MatchSpecPath(req.path)) {
    if (req.method == op->method) return op->operation_id;
  }
  return "other";
}

}  // namespace

void RegisterApi(httplib::Server& server, VmManager& manager, Faults& faults,
                 IdempotencyCache* idempotency, const std::string& api_key) {
  server.set_pre_routing_handler(
      [&faults, &manager, &api_key](const httplib::Request& req, httplib::Response& res) {
        using R = httplib::Server::HandlerResponse;
        SetBodyFraming(req, res);
        // The spec gives these no security, and the real API's route tests
        // read public repositories without a key.
        const bool open = req.path == "/api/v1/system/version" ||
                          req.path.rfind("/api/v1/public/repositories", 0) == 0;
        if (!open && !Authorized(req, api_key)) {
          SendJson(res, 401, ErrorJson("missing or invalid API key"));
          res.set_header("Connection", "close");  // any body is left unread
          return R::Handled;
        }
        if (req.path.rfind("/_admin/", 0) == 0) return R::Unhandled;
        manager.CountApiRequest(OperationIdOf(req));
        if (AnswerUnservedOperation(req, res)) return R::Handled;
        if (req.path == "/api/v1/system/version") return R::Unhandled;
        // A request with a body is faulted by its route, once the body has
        // been read: answering before would leave the body in the stream,
        // where it would be taken for the next request on the connection.
        if (!HasBody(req) && InjectFault(faults, req, res)) return R::Handled;
        return R::Unhandled;
      });
  Routes routes(server, idempotency, faults);
  RegisterVmRoutes(routes, manager);
  RegisterBranchRoutes(routes, manager);
  RegisterCommitRoutes(routes, manager);
  RegisterRepoRoutes(routes, manager);
  RegisterImageRoutes(routes, manager);
  RegisterAccountRoutes(routes, manager);
  RegisterExecRoutes(routes, manager);
  RegisterAdminRoutes(server, manager, faults);
  server.Get("/api/v1/system/version", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200,
             R"({"executable_name":"vers-local","workspace_version":"0.1.0","git_hash":"local"})");
  });
  server.Post("/api/v1/keys/validate", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, R"({"valid":true,"message":"API key is valid"})");
  });
  server.set_error_handler(CompleteFrameworkError);
  server.set_exception_handler(
      [](const httplib::Request& req, httplib::Response& res, std::exception_ptr thrown) {
        std::string what = "unknown exception";
        try {
          std::rethrow_exception(thrown);
        } catch (const std::exception& e) {
          what = e.what();
        } catch (...) {
        }
        SendError(res, Internal("internal error in " + req.method + " " + req.path + ": " + what));
      });
}

}  // namespace vers::local
