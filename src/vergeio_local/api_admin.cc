// Token login/logout (/api/sys/tokens) and the /_admin test controls.
#include "local/json_read.h"
#include "plugin/json_writer.h"
#include "vergeio_local/api.h"
#include "vergeio_local/http_util.h"
#include "vergeio_local/value.h"

namespace vers::vergeio {

void RegisterTokenRoutes(httplib::Server& server, Credentials& credentials, local::Faults& faults) {
  server.Post("/api/sys/tokens",
              Mutation(faults, [&credentials](const httplib::Request& req, httplib::Response& res) {
                local::JsonDoc doc;
                if (!ParseBody(req, res, doc)) return;
                auto login = local::GetString(doc.root(), "login");
                auto password = local::GetString(doc.root(), "password");
                if (!login || !password)
                  return SendError(res, 400, "login and password (strings) are required");
                auto token = credentials.IssueToken(*login, *password);
                if (!token.ok()) return SendStatus(res, token.status());
                JsonWriter w;
                w.BeginObject().Key("$key").String(token.value()).EndObject();
                SendJson(res, 201, TakeJson(w));
              }));
  server.Delete(
      R"(/api/sys/tokens/([^/]+))",
      Mutation(faults, [&credentials](const httplib::Request& req, httplib::Response& res) {
        Status st = credentials.RevokeToken(req.matches[1].str());
        if (!st.ok()) return SendStatus(res, st);
        SendJson(res, 200, "{}");
      }));
}

void RegisterAdminRoutes(httplib::Server& server, Database& db, Credentials& credentials,
                         local::Faults& faults) {
  server.Post("/_admin/faults", [&faults](const httplib::Request& req, httplib::Response& res) {
    auto config = local::Faults::Parse(req.body);
    if (!config.ok()) return SendError(res, 400, config.status().message());
    faults.Set(config.value());
    SendJson(res, 200, local::Faults::ToJson(config.value()));
  });
  server.Get("/_admin/faults", [&faults](const httplib::Request&, httplib::Response& res) {
    SendJson(res, 200, local::Faults::ToJson(faults.Get()));
  });
  server.Get("/_admin/counters",
             [&db, &credentials](const httplib::Request&, httplib::Response& res) {
               std::map<std::string, int64_t> counts = db.RowCounts();
               counts["tokens"] = credentials.LiveTokens();
               JsonWriter w;
               w.BeginObject();
               for (const auto& [name, n] : counts) w.Key(name).Int(n);
               w.EndObject();
               SendJson(res, 200, TakeJson(w));
             });
}

}  // namespace vers::vergeio
