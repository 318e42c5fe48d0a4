// vers_env_var. Sources: the spec (SetEnvVarsRequest: keys
// "^[A-Za-z_][A-Za-z0-9_]*$, max 256 chars", values "max 8192 chars", upsert
// unless `replace`; EnvVarsResponse "All environment variables currently
// set"), hdresearch/vers-cli internal/services/env/service.go (SetEnvVar
// sends one key with replace false) and cmd/env.go (`env list` prints the
// values GET returns).
#include <regex>

#include "plugin/schema/plan_modifiers.h"
#include "plugin/schema/timeouts.h"
#include "plugin/schema/validators.h"
#include "resources/account.h"
#include "resources/framework.h"
#include "resources/vm_common.h"

namespace vers::resources {

using cty::Value;
using schema::Attribute;
namespace plan = schema::plan;

namespace {

struct EnvVarAttrs : schema::AttrSet {
  schema::Attr<std::string> key{this, "key"};
  schema::Attr<std::string> value{this, "value"};
  schema::Attr<std::string> id{this, "id"};
};
const EnvVarAttrs kA;

schema::Validator EnvKeyValidator() {
  return {"A shell identifier (`^[A-Za-z_][A-Za-z0-9_]*$`), at most 256 characters.",
          [](const Value& v, const AttributePath& path, Diagnostics& diags) {
            static const std::regex kKey("[A-Za-z_][A-Za-z0-9_]*");
            const std::string& key = v.AsString();
            if (key.size() > 256 || !std::regex_match(key, kKey))
              diags.AddError("Invalid env var key",
                             path.ToString() + " is \"" + key.substr(0, 80) +
                                 "\"; keys are shell identifiers (letters, digits and '_', not "
                                 "starting with a digit), at most 256 characters.",
                             path);
          }};
}

// Fills value from the API; kNotFound when the key is not set.
Status FillValue(client::VersClient& api, const std::string& key, values::ObjectBuilder& out,
                 client::Deadline d) {
  auto all = api.ListEnvVars(d);
  if (!all.ok()) return all.status();
  auto it = all.value().find(key);
  if (it == all.value().end()) return Status::NotFound("env var " + key + " is not set");
  out.Set(kA.id, key).Set(kA.key, key).Set(kA.value, it->second);
  return Status::Ok();
}

schema::Schema EnvVarSchema() {
  schema::Schema s;
  s.block.description =
      "One of the account's environment variables, which Vers writes into the `/etc/environment` "
      "of every VM created afterwards (at boot, once: running VMs keep what they had). The value "
      "is sensitive: it is never logged nor shown in plans. The API reads values back, so a value "
      "changed elsewhere shows as drift and is set back by the next apply.";
  s.block.attributes = {
      kA.key.Declare()
          .Required()
          .Description("The variable's name; changing it replaces the variable.")
          .Validate(EnvKeyValidator())
          .Modify(plan::RequiresReplace()),
      kA.value.Declare()
          .Required()
          .Sensitive()
          .Description("The value (at most 8192 characters); changed in place.")
          .Validate(schema::validators::LengthBetween(0, 8192)),
      kA.id.Declare().Computed().Description("Same as `key`.").Modify(plan::UseStateForUnknown()),
  };
  s.attr_sets = {&kA};
  s.block.blocks = {schema::TimeoutsBlock({"create", "read", "update", "delete"})};
  return s;
}

}  // namespace

EnvVar::EnvVar() : WithSchema("vers_env_var", EnvVarSchema()) {}

void EnvVar::Create(const CreateRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto key = values::Get(req.plan, kA.key);
  auto value = values::Get(req.plan, kA.value);
  if (api == nullptr || !key || !value) return;
  // The key is the whole identity: a PUT of it is an upsert, safe to repeat.
  Status s = api->SetEnvVar(*key, *value, DeadlineFor(req.plan, "create", std::chrono::minutes(5)));
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot set env var " + *key, s);
  resp.state = values::ObjectBuilder(req.plan).Set(kA.id, *key).Build();
}

void EnvVar::Read(const ReadRequest& req, ReadResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto key = values::Get(req.state, kA.key);
  if (!key) key = values::Get(req.state, kA.id);
  if (api == nullptr || !key) return;
  values::ObjectBuilder out(req.state);
  Status s = FillValue(*api, *key, out, DeadlineFor(req.state, "read", std::chrono::minutes(5)));
  if (s.is_not_found()) {
    resp.removed = true;
    return;
  }
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot read env var " + *key, s);
  resp.state = out.Build();
}

void EnvVar::Update(const UpdateRequest& req, StateResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto key = values::Get(req.plan, kA.key);
  auto value = values::Get(req.plan, kA.value);
  if (api == nullptr || !key || !value) return;
  Status s = api->SetEnvVar(*key, *value, DeadlineFor(req.plan, "update", std::chrono::minutes(5)));
  if (!s.ok()) return AddApiError(resp.diagnostics, "Cannot set env var " + *key, s);
  resp.state = values::ObjectBuilder(req.plan).FillUnknownFrom(req.state).Build();
}

void EnvVar::Delete(const DeleteRequest& req, DeleteResponse& resp) const {
  client::VersClient* api = provider::VersContext::From(req.ctx).Client(resp.diagnostics);
  auto key = values::Get(req.state, kA.key);
  if (api == nullptr || !key) return;
  Status s = api->DeleteEnvVar(*key, DeadlineFor(req.state, "delete", std::chrono::minutes(5)));
  if (!s.ok() && !s.is_not_found())
    AddApiError(resp.diagnostics, "Cannot delete env var " + *key, s);
}

void EnvVar::ImportState(const ImportRequest& req, ImportResponse& resp) const {
  values::ObjectBuilder out(ImportById(GetSchema(), req.id));
  out.Set(kA.key, req.id);
  resp.state = out.Build();
}

}  // namespace vers::resources
