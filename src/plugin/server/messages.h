// The framework server's requests and responses: the tfplugin6 messages with
// wire values already decoded (rpc/ does that), in framework types only, so
// that the server and its tests need no protobuf. Private state is opaque
// bytes the server carries from request to response. A value left nullopt
// in a response was not answered (the diagnostics say why): rpc/ then leaves
// its field unset, as the protocol expects after an error.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"

namespace tfplugin::server {

// PlanResourceChange's input: the resource type, and the prior state,
// proposed new state and configuration as Terraform sent them.
struct PlanRequest {
  std::string type_name;
  cty::Value prior;           // null: create
  cty::Value proposed;        // null: destroy
  cty::Value config;          // the resource's configuration
  std::string prior_private;  // the prior state's private bytes
};
// The planned state, the attributes whose change forces replacement, and the
// private bytes to carry into ApplyResourceChange.
struct PlanResponse {
  std::optional<cty::Value> planned;  // nullopt: not planned (see diagnostics)
  std::vector<AttributePath> requires_replace;
  std::string planned_private;
  Diagnostics diagnostics;
};

// ApplyResourceChange's input: the plan to carry out, with the prior state
// and configuration.
struct ApplyRequest {
  std::string type_name;
  cty::Value prior;             // null: create
  cty::Value planned;           // null: destroy
  cty::Value config;            // the resource's configuration
  std::string planned_private;  // the plan's private bytes
};
// The state after the apply (null after a delete), its private bytes, and
// what went wrong.
struct ApplyResponse {
  std::optional<cty::Value> new_state;  // nullopt: nothing to record
  std::string private_state;
  Diagnostics diagnostics;
};

// ReadResource's input: the state Terraform holds, to refresh.
struct ReadResourceRequest {
  std::string type_name;
  cty::Value current;  // the stored state
  std::string private_state;
};
// The refreshed state and its private bytes.
struct ReadResourceResponse {
  std::optional<cty::Value> new_state;  // null: the object is gone
  std::string private_state;
  Diagnostics diagnostics;
};

// ImportResourceState's input: the type and the id the user gave.
struct ImportResourceRequest {
  std::string type_name;
  std::string id;  // as written in the import block or command
};
// The imported state; Terraform reads it (ReadResource) next.
struct ImportResourceResponse {
  std::optional<cty::Value> state;  // nullopt: nothing imported
  Diagnostics diagnostics;
};

// UpgradeResourceState's input: a stored state in its stored form.
struct UpgradeResourceRequest {
  std::string type_name;
  int64_t version = 0;   // the schema version it was stored with
  std::string raw_json;  // empty: the legacy flatmap format
};
// The state in the current schema's form.
struct UpgradeResourceResponse {
  std::optional<cty::Value> upgraded;  // nullopt: not upgraded
  Diagnostics diagnostics;
};

// For resources, data sources, ephemeral resources and the provider itself
// (type_name unused there).
struct ValidateConfigRequest {
  std::string type_name;
  cty::Value config;
  bool write_only_allowed = true;  // the client's capability (resources only)
};

// ReadDataSource's input: the data source's type and configuration.
struct ReadDataSourceRequest {
  std::string type_name;
  cty::Value config;
};
// What the data source read (wholly known).
struct ReadDataSourceResponse {
  std::optional<cty::Value> state;  // nullopt: not read
  Diagnostics diagnostics;
};

// OpenEphemeralResource's input: the type and its configuration.
struct OpenEphemeralResourceRequest {
  std::string type_name;
  cty::Value config;
};
// The ephemeral value, never stored by Terraform.
struct OpenEphemeralResourceResponse {
  std::optional<cty::Value> result;  // nullopt: not opened
  Diagnostics diagnostics;
};

}  // namespace tfplugin::server
