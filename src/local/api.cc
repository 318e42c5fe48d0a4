#include "local/api.h"

#include <openssl/crypto.h>

#include <chrono>
#include <thread>

#include "local/api_json.h"

namespace vers::local {

void SendError(httplib::Response& res, const ApiError& e) {
  SendJson(res, e.status, ErrorJson(e.message));
}

void SendJson(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/json");
}

bool QueryFlag(const httplib::Request& req, const char* name, bool fallback) {
  if (!req.has_param(name)) return fallback;
  std::string v = req.get_param_value(name);
  return v == "true" || v == "1" || v.empty();
}

namespace {

bool Authorized(const httplib::Request& req, const std::string& api_key) {
  std::string h = req.get_header_value("Authorization");
  const std::string prefix = "Bearer ";
  if (h.size() != prefix.size() + api_key.size() || h.compare(0, prefix.size(), prefix) != 0)
    return false;
  return CRYPTO_memcmp(h.data() + prefix.size(), api_key.data(), api_key.size()) == 0;
}

}  // namespace

void RegisterApi(httplib::Server& server, VmManager& manager, Faults& faults,
                 IdempotencyCache& idempotency, const std::string& api_key) {
  server.set_pre_routing_handler(
      [&faults, &api_key](const httplib::Request& req, httplib::Response& res) {
        using R = httplib::Server::HandlerResponse;
        if (req.path == "/api/v1/system/version") return R::Unhandled;
        if (!Authorized(req, api_key)) {
          SendJson(res, 401, ErrorJson("missing or invalid API key"));
          return R::Handled;
        }
        if (req.path.rfind("/_admin/", 0) == 0) return R::Unhandled;
        FaultDecision d = faults.Decide();
        if (d.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(d.delay_ms));
        if (d.drop) {
          // Headers go out, then the body provider fails and the connection is cut.
          res.status = 200;
          CutConnection(res);
          return R::Handled;
        }
        if (d.error_status) {
          if (d.retry_after > 0) res.set_header("Retry-After", std::to_string(d.retry_after));
          SendJson(res, d.error_status, ErrorJson("injected fault"));
          return R::Handled;
        }
        return R::Unhandled;
      });
  Routes routes(server, idempotency, faults);
  RegisterVmRoutes(routes, manager);
  RegisterCommitRoutes(routes, manager);
  RegisterAdminRoutes(server, manager, faults);
  server.Get("/api/v1/system/version", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200,
             R"({"executable_name":"vers-local","workspace_version":"0.1.0","git_hash":"local"})");
  });
  server.Post("/api/v1/keys/validate", [](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, R"({"valid":true,"message":"API key is valid"})");
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (res.body.empty()) {
      res.set_content(ErrorJson(res.status == 404 ? "no such route" : "request failed"),
                      "application/json");
    }
  });
}

}  // namespace vers::local
