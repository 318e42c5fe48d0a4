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

struct PlanRequest {
  std::string type_name;
  cty::Value prior;     // null: create
  cty::Value proposed;  // null: destroy
  cty::Value config;
  std::string prior_private;
};
struct PlanResponse {
  std::optional<cty::Value> planned;
  std::vector<AttributePath> requires_replace;
  std::string planned_private;
  Diagnostics diagnostics;
};

struct ApplyRequest {
  std::string type_name;
  cty::Value prior;    // null: create
  cty::Value planned;  // null: destroy
  cty::Value config;
  std::string planned_private;
};
struct ApplyResponse {
  std::optional<cty::Value> new_state;
  std::string private_state;
  Diagnostics diagnostics;
};

struct ReadResourceRequest {
  std::string type_name;
  cty::Value current;
  std::string private_state;
};
struct ReadResourceResponse {
  std::optional<cty::Value> new_state;  // null: the object is gone
  std::string private_state;
  Diagnostics diagnostics;
};

struct ImportResourceRequest {
  std::string type_name;
  std::string id;
};
struct ImportResourceResponse {
  std::optional<cty::Value> state;
  Diagnostics diagnostics;
};

struct UpgradeResourceRequest {
  std::string type_name;
  int64_t version = 0;
  std::string raw_json;  // empty: the legacy flatmap format
};
struct UpgradeResourceResponse {
  std::optional<cty::Value> upgraded;
  Diagnostics diagnostics;
};

// For resources, data sources, ephemeral resources and the provider itself
// (type_name unused there).
struct ValidateConfigRequest {
  std::string type_name;
  cty::Value config;
  bool write_only_allowed = true;  // the client's capability (resources only)
};

struct ReadDataSourceRequest {
  std::string type_name;
  cty::Value config;
};
struct ReadDataSourceResponse {
  std::optional<cty::Value> state;
  Diagnostics diagnostics;
};

struct OpenEphemeralResourceRequest {
  std::string type_name;
  cty::Value config;
};
struct OpenEphemeralResourceResponse {
  std::optional<cty::Value> result;
  Diagnostics diagnostics;
};

}  // namespace tfplugin::server
