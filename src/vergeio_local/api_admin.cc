// Token login/logout (/api/sys/tokens) and the /_admin test controls.
#include "base/json_writer.h"
#include "local/json_read.h"
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
                // Shaped as in verge-io/docs api-guide.md.
                JsonWriter w;
                w.BeginObject().Key("location").String("/sys/tokens/" + token.value());
                w.Key("dbpath").String("tokens/" + token.value()).Key("$row").Int(1);
                w.Key("$key").String(token.value()).EndObject();
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
  // {"vms":["advanced"]}: the API acts as if those tables lacked those
  // fields -- a PUT ignores them, a GET reads them as "" -- as a VergeOS
  // version without them would; {} restores them.
  server.Post("/_admin/hidden_fields", [&db](const httplib::Request& req, httplib::Response& res) {
    local::JsonDoc doc;
    if (!ParseBody(req, res, doc)) return;
    if (!doc.root().is_object()) return SendError(res, 400, "the body must be a JSON object");
    std::map<std::string, std::vector<std::string>> hidden;
    for (auto [table, fields] : simdjson::dom::object(doc.root())) {
      auto& names = hidden[std::string(table)];
      if (!fields.is_array())
        return SendError(res, 400, "hidden fields of " + std::string(table) + " must be a list");
      for (auto f : simdjson::dom::array(fields)) {
        if (!f.is_string()) return SendError(res, 400, "field names must be strings");
        names.emplace_back(std::string_view(f));
      }
    }
    if (Status st = db.SetHidden(std::move(hidden)); !st.ok())
      return SendError(res, 400, st.message());
    SendJson(res, 200, req.body.empty() ? "{}" : req.body);
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
