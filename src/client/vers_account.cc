// VersClient's account settings: env vars and domains.
#include <simdjson.h>

#include "base/json_writer.h"
#include "client/vers_client.h"

namespace vers::client {
namespace {

using std::optional;
using std::string;

string DomainPath(const string& id) { return "/domains/" + EscapePathSegment(id); }

Result<Domain> DomainFrom(simdjson::dom::element e) {
  Domain out;
  for (auto [key, field] :
       {std::pair{"domain_id", &out.domain_id}, std::pair{"vm_id", &out.vm_id},
        std::pair{"domain", &out.domain}, std::pair{"created_at", &out.created_at}}) {
    std::string_view v;
    if (e[key].get_string().get(v) != simdjson::SUCCESS && std::string(key) != "created_at")
      return Status::Error(std::string("the Vers API's domain lacks \"") + key + "\"");
    *field = string(v);
  }
  return out;
}

Result<Domain> ParseDomain(const string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS)
    return Status::Error("the Vers API answered with malformed JSON");
  return DomainFrom(doc);
}

}  // namespace

Result<std::map<string, string>> VersClient::ListEnvVars(Deadline d) {
  auto r = Call("GET", "/env_vars", "", d);
  if (!r.ok()) return r.status();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object vars;
  if (parser.parse(r.value()).get(doc) != simdjson::SUCCESS ||
      doc["vars"].get_object().get(vars) != simdjson::SUCCESS)
    return Status::Error("the Vers API's env vars answer lacks \"vars\"");
  std::map<string, string> out;
  for (auto field : vars) {
    std::string_view v;
    if (field.value.get_string().get(v) != simdjson::SUCCESS)
      return Status::Error("the Vers API's env var " + string(field.key) + " is not a string");
    out[string(field.key)] = string(v);
  }
  return out;
}

Status VersClient::SetEnvVar(const string& key, const string& value, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("vars").BeginObject().Key(key).String(value).EndObject();
  auto body = w.Key("replace").Bool(false).EndObject().Take();
  if (!body.ok()) return body.status();
  return Call("PUT", "/env_vars", body.value(), d).status();
}

Status VersClient::DeleteEnvVar(const string& key, Deadline d) {
  return Call("DELETE", "/env_vars/" + EscapePathSegment(key), "", d).status();
}

Result<Domain> VersClient::CreateDomain(const string& vm_id, const string& domain, Deadline d) {
  JsonWriter w;
  auto body =
      w.BeginObject().Key("vm_id").String(vm_id).Key("domain").String(domain).EndObject().Take();
  if (!body.ok()) return body.status();
  return CreateReconciled<Domain>(
      [&]() -> CreateAttempt<Domain> {
        auto a = Create("/domains", body.value(), d);
        if (!a.result.ok()) return {a.result.status(), a.may_have_made_it};
        auto parsed = ParseDomain(a.result.value());
        return {parsed, !parsed.ok()};
      },
      [&]() -> Result<optional<Domain>> {
        auto all = ListDomains(vm_id, d);
        if (!all.ok()) return all.status();
        for (const auto& x : all.value())
          if (x.domain == domain) return optional<Domain>(x);
        return optional<Domain>();
      },
      Reconcile("domain " + domain, d));
}

Result<Domain> VersClient::GetDomain(const string& domain_id, Deadline d) {
  auto r = Call("GET", DomainPath(domain_id), "", d);
  if (!r.ok()) return r.status();
  return ParseDomain(r.value());
}

Result<std::vector<Domain>> VersClient::ListDomains(const optional<string>& vm_id, Deadline d) {
  auto r = Call("GET", vm_id ? "/domains?vm_id=" + EscapePathSegment(*vm_id) : "/domains", "", d,
                /*see_through=*/true);
  if (!r.ok()) return r.status();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array arr;
  if (parser.parse(r.value()).get(doc) != simdjson::SUCCESS ||
      doc.get_array().get(arr) != simdjson::SUCCESS)
    return Status::Error("the Vers API's domain list is not an array");
  std::vector<Domain> out;
  for (auto e : arr) {
    auto x = DomainFrom(e);
    if (!x.ok()) return x.status();
    out.push_back(std::move(x).value());
  }
  return out;
}

Status VersClient::DeleteDomain(const string& domain_id, Deadline d) {
  return Call("DELETE", DomainPath(domain_id), "", d).status();
}

}  // namespace vers::client
