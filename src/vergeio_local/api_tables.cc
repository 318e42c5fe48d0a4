// The /api/v4 table routes (list, get, create, update, delete) and vm_actions.
#include <charconv>
#include <optional>

#include "base/json_writer.h"
#include "vergeio_local/api.h"
#include "vergeio_local/http_util.h"
#include "vergeio_local/query.h"
#include "vergeio_local/value.h"

namespace vers::vergeio {
namespace {

constexpr const char* kTablePath = R"(/api/v4/([A-Za-z_]+))";
constexpr const char* kRowPath = R"(/api/v4/([A-Za-z_]+)/([^/]+))";

std::optional<std::string> Param(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  return req.get_param_value(name);
}

std::optional<std::string_view> View(const std::optional<std::string>& s) {
  return s ? std::optional<std::string_view>(*s) : std::nullopt;
}

// The table named in the path, as the API shows it (without hidden fields);
// answers 404 (or 405 when `write` and the table is read-only) and returns
// nullopt otherwise.
std::optional<TableSpec> TableOf(const Database& db, const httplib::Request& req,
                                 httplib::Response& res, bool write) {
  std::string name = req.matches[1].str();
  const TableSpec* spec = FindTable(name);
  if (!spec) {
    SendError(res, 404, "no such table " + name);
    return std::nullopt;
  }
  if (write && !spec->writable) {
    SendError(res, 405, name + " is read-only");
    return std::nullopt;
  }
  return db.Visible(*spec);
}

// The row key in the path; answers 404 when it is not an integer.
std::optional<int64_t> KeyOf(const httplib::Request& req, httplib::Response& res) {
  std::string text = req.matches[2].str();
  int64_t key = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), key);
  if (ec == std::errc() && end == text.data() + text.size()) return key;
  SendError(res, 404, "no such row " + text);
  return std::nullopt;
}

// The client-written fields in the body; answers 400 when malformed, 422
// when invalid. `ignore_unknown`: see ReadFields.
std::optional<Fields> BodyFields(const TableSpec& spec, const httplib::Request& req,
                                 httplib::Response& res, bool ignore_unknown) {
  local::JsonDoc doc;
  if (!ParseBody(req, res, doc)) return std::nullopt;
  auto fields = ReadFields(spec, doc.root(), Writer::kClient, ignore_unknown);
  if (!fields.ok()) {
    SendStatus(res, fields.status());
    return std::nullopt;
  }
  return std::move(fields).value();
}

// 201's body, as verge-io/docs api-guide.md shows it (a string "$key") and
// as measured (verge-io/ansible-collection-vergeos
// docs/repro/measured-action-probe.json: keys $key, $row, dbpath, location):
//   {"location":"/v4/vms/36","dbpath":"vms/36","$row":36,"$key":"36"}
std::string CreatedJson(const std::string& table, int64_t key) {
  std::string k = std::to_string(key);
  JsonWriter w;
  w.BeginObject().Key("location").String("/v4/" + table + "/" + k);
  w.Key("dbpath").String(table + "/" + k).Key("$row").Int(key);
  w.Key("$key").String(k).EndObject();
  return TakeJson(w);
}

void List(Database& db, const httplib::Request& req, httplib::Response& res) {
  auto spec = TableOf(db, req, res, false);
  if (!spec) return;
  auto fields = Param(req, "fields"), filter = Param(req, "filter"), limit = Param(req, "limit");
  auto query = ParseListQuery(*spec, View(fields), View(filter), View(limit));
  if (!query.ok()) return SendStatus(res, query.status());
  auto rows = db.List(spec->name, query.value().filter, query.value().limit);
  if (!rows.ok()) return SendStatus(res, rows.status());
  SendJson(res, 200, RowsJson(*spec, rows.value(), query.value().fields));
}

void Get(Database& db, const httplib::Request& req, httplib::Response& res) {
  auto spec = TableOf(db, req, res, false);
  std::optional<int64_t> key = spec ? KeyOf(req, res) : std::nullopt;
  if (!key) return;
  auto fields = Param(req, "fields");
  auto selection = ParseFields(View(fields), *spec);
  if (!selection.ok()) return SendStatus(res, selection.status());
  auto row = db.Get(spec->name, *key);
  if (!row.ok()) return SendStatus(res, row.status());
  SendJson(res, 200, RowJson(*spec, row.value(), selection.value()));
}

void Create(Database& db, const httplib::Request& req, httplib::Response& res) {
  auto spec = TableOf(db, req, res, true);
  std::optional<Fields> fields = spec ? BodyFields(*spec, req, res, false) : std::nullopt;
  if (!fields) return;
  auto row = db.Create(spec->name, std::move(*fields));
  if (!row.ok()) return SendStatus(res, row.status());
  SendJson(res, 201, CreatedJson(spec->name, row.value().key));
}

// VergeOS answers a PUT `200 []` and silently ignores fields it does not
// know (measured on 26.1.8: verge-io/ansible-collection-vergeos
// docs/DEFECTS-D1-D6.md, D1 and D2).
void Update(Database& db, const httplib::Request& req, httplib::Response& res) {
  auto spec = TableOf(db, req, res, true);
  std::optional<int64_t> key = spec ? KeyOf(req, res) : std::nullopt;
  std::optional<Fields> changes = key ? BodyFields(*spec, req, res, true) : std::nullopt;
  if (!changes) return;
  auto row = db.Update(spec->name, *key, *changes);
  if (!row.ok()) return SendStatus(res, row.status());
  SendJson(res, 200, "[]");
}

void Delete(Database& db, const httplib::Request& req, httplib::Response& res) {
  auto spec = TableOf(db, req, res, true);
  std::optional<int64_t> key = spec ? KeyOf(req, res) : std::nullopt;
  if (!key) return;
  if (Status st = db.Delete(spec->name, *key); !st.ok()) return SendStatus(res, st);
  SendJson(res, 200, "{}");
}

// POST /api/v4/vm_actions {"vm": <vm key>, "action": "...", "params": {...}}.
void VmAction(Database& db, const httplib::Request& req, httplib::Response& res) {
  local::JsonDoc doc;
  if (!ParseBody(req, res, doc)) return;
  if (!doc.root().is_object()) return SendError(res, 422, "the body must be a JSON object");
  for (auto [name, value] : simdjson::dom::object(doc.root())) {
    if (name != "vm" && name != "action" && name != "params")
      return SendError(res, 422, "unknown field " + std::string(name));
  }
  auto vm = local::GetInt(doc.root(), "vm");
  auto action = local::GetString(doc.root(), "action");
  // Worded as measured (docs/repro/measured-action-probe.json).
  if (!vm) return SendError(res, 422, "field 'vm_actions.vm' is required");
  if (!action) return SendError(res, 422, "field 'vm_actions.action' is required");
  auto key = db.VmAction(*vm, *action);
  if (!key.ok()) return SendStatus(res, key.status());
  SendJson(res, 201, CreatedJson("vm_actions", key.value()));
}

}  // namespace

void RegisterTableRoutes(httplib::Server& server, Database& db, local::Faults& faults) {
  using Req = const httplib::Request&;
  using Res = httplib::Response&;
  server.Get(kTablePath, [&db](Req req, Res res) { List(db, req, res); });
  server.Get(kRowPath, [&db](Req req, Res res) { Get(db, req, res); });
  // Registered before the generic create: httplib takes the first match.
  server.Post("/api/v4/vm_actions",
              Mutation(faults, [&db](Req req, Res res) { VmAction(db, req, res); }));
  server.Post(kTablePath, Mutation(faults, [&db](Req req, Res res) { Create(db, req, res); }));
  server.Put(kRowPath, Mutation(faults, [&db](Req req, Res res) { Update(db, req, res); }));
  server.Delete(kRowPath, Mutation(faults, [&db](Req req, Res res) { Delete(db, req, res); }));
}

}  // namespace vers::vergeio
