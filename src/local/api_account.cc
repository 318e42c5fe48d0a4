// Routes for account settings: /env_vars and /domains (manager_account.cc
// says what they follow).
#include "base/json_writer.h"
#include "local/api.h"
#include "local/api_json.h"
#include "local/api_request.h"

namespace vers::local {
namespace {

using Req = httplib::Request;
using Res = httplib::Response;

std::string Finish(JsonWriter& w) {
  auto t = w.Take();
  return t.ok() ? t.value() : std::string(R"({"error":"encoding failed","success":false})");
}

std::string VarsJson(const std::map<std::string, std::string>& vars) {  // EnvVarsResponse
  JsonWriter w;
  w.BeginObject().Key("vars").BeginObject();
  for (const auto& [k, v] : vars) w.Key(k).String(v);
  w.EndObject().EndObject();
  return Finish(w);
}

void Domain(JsonWriter& w, const DomainRecord& d) {  // DomainResponse
  w.BeginObject().Key("domain_id").String(d.id).Key("vm_id").String(d.vm_id);
  w.Key("domain").String(d.domain).Key("created_at").String(d.created_at).EndObject();
}

std::string DomainJson(const DomainRecord& d) {
  JsonWriter w;
  Domain(w, d);
  return Finish(w);
}

void SetEnv(VmManager& m, const Req& req, Res& res) {
  JsonDoc doc;
  if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
  auto vars = GetLabels(doc.root(), "vars");  // an object of strings
  if (!vars.ok()) return SendError(res, BadRequest(vars.status().message()));
  if (!vars.value()) return SendError(res, BadRequest("vars is required (an object of strings)"));
  // SetEnvVarsRequest.replace is a boolean, not nullable (serde's bool).
  if (auto r = doc.root()["replace"]; !r.error() && r.value_unsafe().is_null())
    return SendError(res, BadRequest("replace must be a boolean, got null"));
  auto replace = OptionalBool(doc.root(), "replace");
  if (!replace.ok()) return SendError(res, replace.error());
  auto r = m.SetEnvVars(*vars.value(), replace.value().value_or(false));
  if (!r.ok()) return SendError(res, r.error());
  SendJson(res, 200, VarsJson(r.value()));
}

void CreateDomain(VmManager& m, const Req& req, Res& res) {
  JsonDoc doc;
  if (auto b = ReadJsonObject(req, doc); !b.ok()) return SendError(res, b.error());
  auto vm = OptionalUuid(doc.root(), "vm_id");
  if (!vm.ok()) return SendError(res, vm.error());
  auto domain = OptionalString(doc.root(), "domain");
  if (!domain.ok()) return SendError(res, domain.error());
  if (!vm.value() || !domain.value())
    return SendError(res, BadRequest("vm_id (a UUID) and domain (a string) are required"));
  auto r = m.CreateDomain(*vm.value(), *domain.value());
  if (!r.ok()) return SendError(res, r.error());
  SendJson(res, 201, DomainJson(r.value()));
}

}  // namespace

void RegisterAccountRoutes(Routes& s, VmManager& m) {
  s.Get("/api/v1/env_vars",
        [&m](const Req&, Res& res) { SendJson(res, 200, VarsJson(m.EnvVars())); });
  s.Put("/api/v1/env_vars", [&m](const Req& req, Res& res) { SetEnv(m, req, res); });
  s.Delete(R"(/api/v1/env_vars/([^/]+))", [&m](const Req& req, Res& res) {
    auto r = m.DeleteEnvVar(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    res.status = 204;
  });
  s.Get("/api/v1/domains", [&m](const Req& req, Res& res) {
    std::optional<std::string> vm;
    if (req.has_param("vm_id")) {
      vm = req.get_param_value("vm_id");
      if (auto u = RequireUuid(*vm, "vm_id"); !u.ok()) return SendError(res, u.error());
    }
    JsonWriter w;
    w.BeginArray();
    for (const auto& d : m.Domains(vm)) Domain(w, d);
    w.EndArray();
    SendJson(res, 200, Finish(w));
  });
  s.Post("/api/v1/domains", [&m](const Req& req, Res& res) { CreateDomain(m, req, res); });
  s.Get(R"(/api/v1/domains/([^/]+))", [&m](const Req& req, Res& res) {
    if (auto u = RequireUuid(req.matches[1], "domain_id"); !u.ok())
      return SendError(res, u.error());
    auto r = m.GetDomain(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    SendJson(res, 200, DomainJson(r.value()));
  });
  s.Delete(R"(/api/v1/domains/([^/]+))", [&m](const Req& req, Res& res) {
    if (auto u = RequireUuid(req.matches[1], "domain_id"); !u.ok())
      return SendError(res, u.error());
    auto r = m.DeleteDomain(req.matches[1]);
    if (!r.ok()) return SendError(res, r.error());
    JsonWriter w;
    w.BeginObject().Key("domain_id").String(req.matches[1].str()).EndObject();
    SendJson(res, 200, Finish(w));
  });
}

}  // namespace vers::local
