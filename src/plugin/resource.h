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

struct ValidateRequest {
  cty::Value config;  // may contain unknowns
};
struct ValidateResponse {
  Diagnostics diagnostics;
};

struct ModifyPlanRequest {
  cty::Value config;
  cty::Value state;                      // null on create
  const ProviderContext* ctx = nullptr;  // null before the provider is configured
};
struct ModifyPlanResponse {
  cty::Value plan;  // start: the framework's plan; may be changed
  std::vector<AttributePath> requires_replace;
  Diagnostics diagnostics;
};

struct CreateRequest {
  cty::Value config;
  cty::Value plan;
  ProviderContext& ctx;
};
struct UpdateRequest {
  cty::Value config;
  cty::Value plan;
  cty::Value state;
  ProviderContext& ctx;
};
struct DeleteRequest {
  cty::Value state;
  ProviderContext& ctx;
};
struct ReadRequest {
  cty::Value state;
  ProviderContext& ctx;
};
// Create/Update/Read answer with the new state. On a failed create that left a
// real object behind, set `state` to what exists (with the error) so that
// nothing is orphaned: Terraform then records it as tainted.
struct StateResponse {
  std::optional<cty::Value> state;
  Diagnostics diagnostics;
};
// Read sets `removed` when the object no longer exists remotely.
struct ReadResponse {
  cty::Value state;
  bool removed = false;
  Diagnostics diagnostics;
};
struct DeleteResponse {
  Diagnostics diagnostics;
};

struct ImportRequest {
  std::string id;
  ProviderContext& ctx;
};
struct ImportResponse {
  cty::Value state;  // may be partial; ReadResource fills in the rest
  Diagnostics diagnostics;
};

struct UpgradeStateRequest {
  int64_t version = 0;  // schema version the stored state was written with
  std::string raw_json;
};
struct UpgradeStateResponse {
  cty::Value state;  // conforming to the current schema
  Diagnostics diagnostics;
};

class Resource {
 public:
  virtual ~Resource() = default;

  virtual std::string TypeName() const = 0;
  virtual const schema::Schema& GetSchema() const = 0;

  virtual void ValidateConfig(const ValidateRequest&, ValidateResponse&) const {}
  virtual void ModifyPlan(const ModifyPlanRequest&, ModifyPlanResponse&) const {}

  virtual void Create(const CreateRequest&, StateResponse&) const = 0;
  virtual void Read(const ReadRequest&, ReadResponse&) const = 0;
  virtual void Update(const UpdateRequest&, StateResponse&) const = 0;
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
