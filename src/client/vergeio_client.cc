#include "client/vergeio_client.h"

#include <openssl/evp.h>
#include <simdjson.h>

#include "plugin/json_writer.h"

namespace vers::client {

namespace {

using simdjson::dom::element;

std::string Base64(const std::string& s) {
  std::string out(4 * ((s.size() + 2) / 3), '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(s.data()), static_cast<int>(s.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

HttpOptions ToHttp(const VergeioOptions& o) {
  HttpOptions h;
  h.base_url = o.base_url + "/api";
  h.authorization = "Basic " + Base64(o.username + ":" + o.password);
  h.ca_cert_file = o.ca_cert_file;
  h.insecure = o.insecure;
  h.max_attempts = o.retry_attempts + 1;
  h.base_delay = o.retry_delay;
  h.max_delay = o.retry_delay;
  h.user_agent = "terraform-provider-vers (vergeio)";
  return h;
}

int64_t Int(element e, const char* k) {
  int64_t v = 0;
  if (e[k].get_int64().get(v) == simdjson::SUCCESS) return v;
  double d = 0;
  if (e[k].get_double().get(d) == simdjson::SUCCESS) return static_cast<int64_t>(d);
  return 0;
}
std::string Str(element e, const char* k) {
  std::string_view v;
  return e[k].get_string().get(v) == simdjson::SUCCESS ? std::string(v) : "";
}
bool Bool(element e, const char* k) {
  bool v = false;
  return e[k].get_bool().get(v) == simdjson::SUCCESS && v;
}

// Parses `json` and calls `each` for the object, or for every object of an
// array.
template <typename F>
Status ForEachRow(const std::string& json, F&& each) {
  simdjson::dom::parser parser;
  element doc;
  if (parser.parse(json).get(doc) != simdjson::SUCCESS)
    return Status::Error("VergeIO answered with malformed JSON");
  simdjson::dom::array rows;
  if (doc.get_array().get(rows) == simdjson::SUCCESS) {
    for (element row : rows) each(row);
  } else {
    each(doc);
  }
  return Status::Ok();
}

VergeioVm ToVm(element e) {
  VergeioVm v;
  v.key = Int(e, "$key");
  v.machine = Int(e, "machine");
  v.name = Str(e, "name");
  v.description = Str(e, "description");
  v.cpu_type = Str(e, "cpu_type");
  v.advanced = Str(e, "advanced");
  v.cpu_cores = Int(e, "cpu_cores");
  v.ram = Int(e, "ram");
  return v;
}

const char* kVmFields = "fields=$key,name,machine,description,cpu_cores,ram,cpu_type,advanced";

}  // namespace

std::string FilterLiteral(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

VergeioClient::VergeioClient(VergeioOptions options, const std::atomic<bool>* stop)
    : http_(ToHttp(options), stop), max_attempts_(options.retry_attempts + 1) {}

Result<std::string> VergeioClient::Call(const std::string& method, const std::string& path,
                                        const std::string& body, Deadline d) {
  auto resp = http_.Send(HttpRequest{method, path, body}, d);
  if (!resp.ok()) return resp.status();
  const HttpResponse& r = resp.value();
  if (r.status >= 200 && r.status < 300) return r.body;
  if (r.status == 0) {  // a POST sent, then no answer (HttpClient does not resend it)
    return Status::Error("VergeIO did not answer " + method + " " + path.substr(0, path.find('?')) +
                         " (the connection broke after the request was sent: " + r.error + ")");
  }
  std::string err;
  ForEachRow(r.body, [&err](element e) { err = Str(e, "err"); });
  std::string message = "VergeIO refused " + method + " " + path.substr(0, path.find('?')) +
                        " (HTTP " + std::to_string(r.status) + ")" +
                        (err.empty() ? "" : ": " + err);
  if (r.attempts > 1 || r.status == 429 || r.status >= 500)
    message += " — gave up after " + std::to_string(r.attempts) + " of " +
               std::to_string(max_attempts_) + " attempts";
  switch (r.status) {
    case 404:
      return Status::NotFound(message);
    case 409:
      return Status::Conflict(message);
    case 401:
    case 403:
      return Status::Unauthorized(message + ". Check the VergeIO username and password.");
    default:
      return Status::Error(message);
  }
}

Result<int64_t> VergeioClient::Create(const std::string& table, const std::string& body,
                                      Deadline d) {
  auto r = Call("POST", "/v4/" + table, body, d);
  if (!r.ok()) return r.status();
  int64_t key = 0;
  ForEachRow(r.value(), [&key](element e) { key = Int(e, "$key"); });
  if (key == 0) return Status::Error("VergeIO created a " + table + " row but gave no $key");
  return key;
}

Result<VergeioVm> VergeioClient::GetVm(int64_t vm_key, Deadline d) {
  auto r = Call("GET", "/v4/vms/" + std::to_string(vm_key) + "?" + kVmFields, "", d);
  if (!r.ok()) return r.status();
  VergeioVm vm;
  if (Status s = ForEachRow(r.value(), [&vm](element e) { vm = ToVm(e); }); !s.ok()) return s;
  return vm;
}

Result<VergeioVm> VergeioClient::FindVm(const std::string& ref, Deadline d) {
  bool numeric = !ref.empty() && ref.find_first_not_of("0123456789") == std::string::npos;
  if (numeric) return GetVm(std::stoll(ref), d);
  auto r = Call("GET",
                "/v4/vms?" + std::string(kVmFields) +
                    "&filter=" + EscapePathSegment("name eq " + FilterLiteral(ref)),
                "", d);
  if (!r.ok()) return r.status();
  std::vector<VergeioVm> found;
  ForEachRow(r.value(), [&found](element e) { found.push_back(ToVm(e)); });
  if (found.empty()) return Status::NotFound("VergeIO has no VM named \"" + ref + "\"");
  if (found.size() > 1)
    return Status::Error(std::to_string(found.size()) + " VergeIO VMs are named \"" + ref +
                         "\"; give the VM's key instead");
  return found.front();
}

Status VergeioClient::UpdateVm(int64_t vm_key, const VergeioVmPatch& p, Deadline d) {
  JsonWriter w;
  w.BeginObject();
  if (p.cpu_cores) w.Key("cpu_cores").Int(*p.cpu_cores);
  if (p.ram) w.Key("ram").Int(*p.ram);
  if (p.cpu_type) w.Key("cpu_type").String(*p.cpu_type);
  if (p.description) w.Key("description").String(*p.description);
  if (p.advanced) w.Key("advanced").String(*p.advanced);
  w.EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  return Call("PUT", "/v4/vms/" + std::to_string(vm_key), body.value(), d).status();
}

Result<bool> VergeioClient::NeedsRestart(int64_t machine_key, Deadline d) {
  auto r = Call("GET", "/v4/machine_status/" + std::to_string(machine_key), "", d);
  if (!r.ok()) return r.status();
  bool need = false;
  ForEachRow(r.value(), [&need](element e) { need = Bool(e, "need_restart"); });
  return need;
}

Result<int64_t> VergeioClient::CreateSnapshot(const VergeioSnapshot& s, Deadline d) {
  JsonWriter w;
  w.BeginObject()
      .Key("machine")
      .Int(s.machine)
      .Key("name")
      .String(s.name)
      .Key("description")
      .String(s.description)
      .Key("expires")
      .Int(s.expires)
      .Key("quiesce")
      .Bool(s.quiesce)
      .EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  return Create("machine_snapshots", body.value(), d);
}

Result<VergeioSnapshot> VergeioClient::GetSnapshot(int64_t key, Deadline d) {
  auto r = Call("GET", "/v4/machine_snapshots/" + std::to_string(key), "", d);
  if (!r.ok()) return r.status();
  VergeioSnapshot s;
  ForEachRow(r.value(), [&s](element e) {
    s.key = Int(e, "$key");
    s.machine = Int(e, "machine");
    s.name = Str(e, "name");
    s.description = Str(e, "description");
    s.expires = Int(e, "expires");
    s.created = Int(e, "created");
    s.quiesce = Bool(e, "quiesce");
  });
  return s;
}

Status VergeioClient::DeleteSnapshot(int64_t key, Deadline d) {
  return Call("DELETE", "/v4/machine_snapshots/" + std::to_string(key), "", d).status();
}

Result<int64_t> VergeioClient::EnsureCategory(const std::string& name, Deadline d) {
  auto r = Call("GET",
                "/v4/tag_categories?fields=$key&filter=" +
                    EscapePathSegment("name eq " + FilterLiteral(name)),
                "", d);
  if (!r.ok()) return r.status();
  int64_t key = 0;
  ForEachRow(r.value(), [&key](element e) { key = Int(e, "$key"); });
  if (key != 0) return key;
  JsonWriter w;
  w.BeginObject()
      .Key("name")
      .String(name)
      .Key("description")
      .String("Metadata of VMs, managed by Terraform (vers_vergeio_vm_metadata)")
      .Key("taggable_vms")
      .Bool(true)
      .EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  auto made = Create("tag_categories", body.value(), d);
  // Another apply may have made it meanwhile: look again.
  if (!made.ok() && made.status().is_conflict()) return EnsureCategory(name, d);
  return made;
}

Result<std::vector<VergeioTag>> VergeioClient::TagsIn(int64_t category, Deadline d) {
  auto r = Call("GET",
                "/v4/tags?fields=$key,name&filter=" +
                    EscapePathSegment("category eq " + std::to_string(category)),
                "", d);
  if (!r.ok()) return r.status();
  std::vector<VergeioTag> tags;
  ForEachRow(r.value(), [&tags](element e) { tags.push_back({Int(e, "$key"), Str(e, "name")}); });
  return tags;
}

Result<int64_t> VergeioClient::CreateTag(int64_t category, const std::string& name, Deadline d) {
  JsonWriter w;
  w.BeginObject().Key("name").String(name).Key("category").Int(category).EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  return Create("tags", body.value(), d);
}

Status VergeioClient::DeleteTag(int64_t tag, Deadline d) {
  return Call("DELETE", "/v4/tags/" + std::to_string(tag), "", d).status();
}

Result<std::vector<VergeioMember>> VergeioClient::MembersOf(int64_t vm_key, Deadline d) {
  auto r =
      Call("GET",
           "/v4/tag_members?fields=$key,tag&filter=" +
               EscapePathSegment("member eq " + FilterLiteral("vms/" + std::to_string(vm_key))),
           "", d);
  if (!r.ok()) return r.status();
  std::vector<VergeioMember> members;
  ForEachRow(r.value(), [&members](element e) {
    members.push_back({Int(e, "$key"), Int(e, "tag")});
  });
  return members;
}

Result<int64_t> VergeioClient::AddMember(int64_t tag, int64_t vm_key, Deadline d) {
  JsonWriter w;
  w.BeginObject()
      .Key("tag")
      .Int(tag)
      .Key("member")
      .String("vms/" + std::to_string(vm_key))
      .EndObject();
  auto body = w.Take();
  if (!body.ok()) return body.status();
  return Create("tag_members", body.value(), d);
}

Status VergeioClient::DeleteMember(int64_t member, Deadline d) {
  return Call("DELETE", "/v4/tag_members/" + std::to_string(member), "", d).status();
}

Result<size_t> VergeioClient::CountMembersOfTag(int64_t tag, Deadline d) {
  auto r = Call(
      "GET",
      "/v4/tag_members?fields=$key&filter=" + EscapePathSegment("tag eq " + std::to_string(tag)),
      "", d);
  if (!r.ok()) return r.status();
  size_t n = 0;
  ForEachRow(r.value(), [&n](element) { ++n; });
  return n;
}

}  // namespace vers::client
