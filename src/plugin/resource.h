// The contract a managed resource implements. The protocol layer decodes the
// wire values, decides once whether a change is a create, update or delete,
// applies the schema's planning rules, and then calls exactly one of these
// methods; resource code never sees protobuf or msgpack.
//
// Methods may be called concurrently for different resource instances, so
// implementations must not keep per-call state in members. `ctx` carries the
// provider's configured clients and the cancellation flag set by StopProvider.
#pragma once

#include <optional>
#include <string>

#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "plugin/provider_context.h"
#include "plugin/schema/schema.h"

namespace tfplugin {

// ValidateConfig's input; the configuration as written, before any plan.
struct ValidateRequest {
  cty::Value config;  // may contain unknowns
};
// ValidateConfig's output: errors name the attribute path at fault.
struct ValidateResponse {
  // Errors here fail the plan.
  Diagnostics diagnostics;
};

// ModifyPlan's input (not on destroy). Values are owned copies; `ctx` is
// borrowed for the call.
struct ModifyPlanRequest {
  // The configuration; unknown where it depends on other resources.
  cty::Value config;
  cty::Value state;                      // null on create
  const ProviderContext* ctx = nullptr;  // null before the provider is configured
};
// ModifyPlan's output; the framework validates the changed plan against the
// schema (a computed-only attribute set from config is an error).
struct ModifyPlanResponse {
  cty::Value plan;  // start: the framework's plan; may be changed
  // Attributes whose change forces a replacement, on top of the schema's.
  std::vector<AttributePath> requires_replace;
  Diagnostics diagnostics;
};

// Create's input. `plan` has every computed attribute unknown unless a plan
// modifier set it; `ctx` is the configured context, borrowed for the call.
struct CreateRequest {
  // The configuration (no unknowns at apply time).
  cty::Value config;
  // The planned new state, which the result must conform to.
  cty::Value plan;
  // The configured context: clients, settings, stop flag.
  ProviderContext& ctx;
};
// Update's input: as CreateRequest, plus the prior `state`.
struct UpdateRequest {
  // The configuration.
  cty::Value config;
  // The planned new state.
  cty::Value plan;
  // The prior state (never null).
  cty::Value state;
  // Borrowed for the call.
  ProviderContext& ctx;
};
// Delete's input: the prior state of the object to destroy.
struct DeleteRequest {
  // The prior state (never null).
  cty::Value state;
  // Borrowed for the call.
  ProviderContext& ctx;
};
// Read's input (refresh): the state as last recorded.
struct ReadRequest {
  // The recorded state, possibly upgraded (UpgradeState).
  cty::Value state;
  // Borrowed for the call.
  ProviderContext& ctx;
};
// Create/Update/Read answer with the new state. On a failed create that left a
// real object behind, set `state` to what exists (with the error) so that
// nothing is orphaned: Terraform then records it as tainted.
struct StateResponse {
  // The new state; unset with an error means nothing was made.
  std::optional<cty::Value> state;
  Diagnostics diagnostics;
};
// Read sets `removed` when the object no longer exists remotely.
struct ReadResponse {
  // The refreshed state (ignored when `removed`).
  cty::Value state;
  // The object is gone: Terraform drops it from state and plans a create.
  bool removed = false;
  Diagnostics diagnostics;
};
// Delete's output: an error keeps the object in state (to be retried); an
// object already gone must be reported as success, not an error.
struct DeleteResponse {
  Diagnostics diagnostics;
};

// ImportState's input: the id the user gave to `import`.
struct ImportRequest {
  // As typed: validate it and say what form is accepted.
  std::string id;
  // Borrowed for the call.
  ProviderContext& ctx;
};
// ImportState's output.
struct ImportResponse {
  cty::Value state;  // may be partial; ReadResource fills in the rest
  Diagnostics diagnostics;
};

// UpgradeState's input: a state stored by an older schema version.
struct UpgradeStateRequest {
  int64_t version = 0;  // schema version the stored state was written with
  // The stored attributes as JSON (Terraform's flatmap states are not supported).
  std::string raw_json;
};
// UpgradeState's output.
struct UpgradeStateResponse {
  cty::Value state;  // conforming to the current schema
  Diagnostics diagnostics;
};

// A managed resource type. Instances are created once per provider and shared
// by all calls: every method is const and may run concurrently with others.
// Errors go to the response's diagnostics, never exceptions.
class Resource {
 public:
  virtual ~Resource() = default;

  // The type name in configurations, e.g. "vers_vm".
  virtual std::string TypeName() const = 0;
  // The schema; the reference must stay valid for the provider's life.
  virtual const schema::Schema& GetSchema() const = 0;

  // Checks that the configuration alone can decide (no API calls); runs before
  // every plan and may see unknown values. Default: nothing to check.
  virtual void ValidateConfig(const ValidateRequest&, ValidateResponse&) const {}
  // Adjusts the plan after the schema's rules ran (plan modifiers, defaults).
  // Default: keep the framework's plan.
  virtual void ModifyPlan(const ModifyPlanRequest&, ModifyPlanResponse&) const {}

  // Makes the object; on a partial failure, returns what exists (StateResponse).
  virtual void Create(const CreateRequest&, StateResponse&) const = 0;
  // Refreshes from the API; sets `removed` when the object no longer exists.
  virtual void Read(const ReadRequest&, ReadResponse&) const = 0;
  // Changes in place what the plan changes without requiring replacement.
  virtual void Update(const UpdateRequest&, StateResponse&) const = 0;
  // Destroys the object; an object already gone counts as destroyed.
  virtual void Delete(const DeleteRequest&, DeleteResponse&) const = 0;

  // Default: importing is not supported (a clear diagnostic).
  virtual void ImportState(const ImportRequest&, ImportResponse&) const;
  // Called only for states older than GetSchema().version. Default: an error
  // saying the state cannot be upgraded.
  virtual void UpgradeState(const UpgradeStateRequest&, UpgradeStateResponse&) const;
};

// ImportState helper for resources identified by their "id" attribute: the
// state is the schema's object with only `id` set.
cty::Value ImportById(const schema::Schema& schema, const std::string& id);

}  // namespace tfplugin
