// vers_vergeio_vm_snapshot: `POST /machine_snapshots` for the VM's MACHINE
// key (not the VM key: the classic VergeIO client bug). Every input replaces.
// `quiesce` is only an input of the POST; VergeIO reports what happened as
// `quiesced` (verge-io/pyVergeOS snapshots.py, PSVergeOS
// Get-VergeVMSnapshot.ps1), which the resource exposes as its own attribute
// so that the configured `quiesce` never drifts.
#include "resources/vergeio_snapshot.h"

#include <ctime>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "resources/framework.h"
#include "resources/vergeio_common.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

struct Attrs : schema::AttrSet {
  schema::Attr<std::string> name{this, "name"};
  schema::Attr<std::string> description{this, "description"};
  schema::Attr<std::string> expires{this, "expires"};
  schema::Attr<bool> quiesce{this, "quiesce"};
  schema::Attr<bool> quiesced{this, "quiesced"};
  schema::Attr<std::string> id{this, "id"};
  schema::Attr<int64_t> machine{this, "machine"};
  schema::Attr<std::string> created{this, "created"};
};
const Attrs kA;

// "never" -> 0; an RFC 3339 UTC time ("2026-12-31T00:00:00Z") -> unix seconds.
std::optional<int64_t> ParseExpires(const std::string& s) {
  if (s == "never") return 0;
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (end == nullptr) return std::nullopt;
  std::string rest = end;
  if (!rest.empty() && rest.front() == '.') rest.erase(0, rest.find_first_not_of("0123456789", 1));
  long offset = 0;
  if (rest == "Z") {
    offset = 0;
  } else if (rest.size() == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':') {
    offset = (std::stol(rest.substr(1, 2)) * 60 + std::stol(rest.substr(4, 2))) * 60;
    if (rest[0] == '-') offset = -offset;
  } else {
    return std::nullopt;
  }
  return static_cast<int64_t>(timegm(&tm)) - offset;
}

std::string Rfc3339(int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

schema::Schema VergeioSnapshotSchema() {
  schema::Schema s;
  auto replace = plan::RequiresReplace;
  auto keep = plan::UseStateForUnknown;
  s.block.description =
      "A snapshot of a VergeIO VM (the Packer provisioner's `snapshot` action, as a resource). "
      "Destroying it deletes the snapshot.";
  s.block.attributes = {
      kVergeioVm.vm.Declare()
          .Required()
          .Description("The VM: its key or its name.")
          .Modify(replace()),
      kA.name.Declare().Required().Description("Snapshot name.").Modify(replace()),
      kA.description.Declare().Optional().Description("Snapshot description.").Modify(replace()),
      kA.expires.Declare()
          .Default(Value::String("never"))
          .Description("When VergeIO deletes the snapshot: an RFC 3339 time, or `never`.")
          .Modify(replace()),
      kA.quiesce.Declare()
          .Default(Value::Bool(false))
          .Description("Ask VergeIO to quiesce the guest file systems first (needs the guest "
                       "agent). What VergeIO did is in `quiesced`.")
          .Modify(replace()),
      kA.quiesced.Declare()
          .Computed()
          .Description("Whether VergeIO reports the snapshot as quiesced.")
          .Modify(keep()),
      kA.id.Declare().Computed().Description("The snapshot's key.").Modify(keep()),
      kA.machine.Declare()
          .Computed()
          .Description("The machine key the snapshot belongs to.")
          .Modify(keep()),
      kA.created.Declare()
          .Computed()
          .Description("When the snapshot was taken (RFC 3339).")
          .Modify(keep()),
  };
  s.attr_sets = {&kA, &kVergeioVm};
  s.block.blocks = {schema::TimeoutsBlock({"create", "delete"})};
  return s;
}

}  // namespace

VergeioSnapshot::VergeioSnapshot()
    : WithSchema("vers_vergeio_vm_snapshot", VergeioSnapshotSchema()) {}

void VergeioSnapshot::ValidateConfig(const ValidateRequest& req, ValidateResponse& resp) const {
  auto expires = values::Get(req.config, kA.expires);
  if (expires && !ParseExpires(*expires))
    resp.diagnostics.AddError("Invalid expires",
                              "expires \"" + *expires +
                                  "\" is not \"never\" or an RFC 3339 time such as "
                                  "\"2026-12-31T00:00:00Z\".",
                              kA.expires.path());
}

void VergeioSnapshot::Create(const CreateRequest& req, StateResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  if (api == nullptr) return;
  auto d = VergeioDeadline(ctx, req.plan, "create");
  auto vm = ResolveVm(*api, req.plan, d, resp.diagnostics);
  if (!vm) return;
  client::VergeioSnapshotRequest s;
  s.machine = vm->machine;
  s.name = values::Get(req.plan, kA.name).value_or("");
  s.description = values::Get(req.plan, kA.description).value_or("");
  s.expires = ParseExpires(values::Get(req.plan, kA.expires).value_or("never")).value_or(0);
  s.quiesce = values::Get(req.plan, kA.quiesce).value_or(false);
  auto key = api->CreateSnapshot(s, d);
  if (!key.ok()) {
    resp.diagnostics.AddError("Cannot snapshot VM " + vm->name, key.status().message());
    return;
  }
  values::ObjectBuilder out(req.plan);
  out.Set(kA.id, std::to_string(key.value())).Set(kA.machine, vm->machine);
  auto got = api->GetSnapshot(key.value(), d);
  if (!got.ok()) {
    // The snapshot exists: keep it in state (tainted by the error) so that
    // it is not orphaned.
    out.SetNull(kA.created);
    out.SetNull(kA.quiesced);
    resp.diagnostics.AddError("Cannot read back snapshot " + std::to_string(key.value()),
                              got.status().message());
  } else {
    out.Set(kA.created, Rfc3339(got.value().created));
    out.Set(kA.quiesced, got.value().quiesced);
  }
  resp.state = out.Build();
}

void VergeioSnapshot::Read(const ReadRequest& req, ReadResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  auto id = values::Get(req.state, kA.id);
  if (api == nullptr || !id) return;
  auto s = api->GetSnapshot(std::stoll(*id), VergeioDeadline(ctx, req.state, "read"));
  if (!s.ok() && s.status().is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!s.ok()) {
    resp.diagnostics.AddError("Cannot read snapshot " + *id, s.status().message());
    return;
  }
  values::ObjectBuilder out(req.state);
  out.Set(kA.name, s.value().name).Set(kA.machine, s.value().machine);
  out.Set(kA.created, Rfc3339(s.value().created));
  out.Set(kA.description, s.value().description.empty() && !values::Get(req.state, kA.description)
                              ? Value::Null(cty::Type::String())
                              : Value::String(s.value().description));
  out.Set(kA.quiesced, s.value().quiesced);
  if (values::Get(req.state, kA.quiesce) == std::nullopt)  // after an import
    out.Set(kA.quiesce, s.value().quiesced);
  auto prior = ParseExpires(values::Get(req.state, kA.expires).value_or("never"));
  if (prior != s.value().expires)
    out.Set(kA.expires, s.value().expires == 0 ? "never" : Rfc3339(s.value().expires));
  resp.state = out.Build();
}

void VergeioSnapshot::Update(const UpdateRequest& req, StateResponse& resp) const {
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void VergeioSnapshot::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  auto& ctx = provider::VersContext::From(req.ctx);
  client::VergeioClient* api = ctx.Vergeio(resp.diagnostics);
  auto id = values::Get(req.state, kA.id);
  if (api == nullptr || !id) return;
  Status s = api->DeleteSnapshot(std::stoll(*id), VergeioDeadline(ctx, req.state, "delete"));
  if (!s.ok() && !s.is_not_found())
    resp.diagnostics.AddError("Cannot delete snapshot " + *id, s.message());
}

// "<snapshot key>:<vm key or name>": the API cannot tell which VM reference
// the configuration used, so the import id carries it.
void VergeioSnapshot::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  size_t colon = req.id.find(':');
  std::string key = req.id.substr(0, colon);
  if (colon == std::string::npos || key.empty() ||
      key.find_first_not_of("0123456789") != std::string::npos) {
    resp.diagnostics.AddError("Invalid import id",
                              "\"" + req.id + "\" is not \"<snapshot key>:<vm key or name>\".");
    return;
  }
  resp.state = values::ObjectBuilder(ImportById(GetSchema(), key))
                   .Set(kVergeioVm.vm, req.id.substr(colon + 1))
                   .Set(kA.expires, "never")
                   .Build();  // quiesce: taken from `quiesced` by the Read that follows
}

}  // namespace vers::resources
