// What the vers_vergeio_* resources share: the VergeIO client from the
// provider context, deadlines, and reading the `vm` reference (key or name).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "client/vergeio_client.h"
#include "plugin/resource.h"
#include "plugin/schema/attr.h"
#include "plugin/values.h"
#include "resources/context.h"
#include "resources/framework.h"

namespace vers::resources {

// The deadline of `op` from the resource's `timeouts`, else the provider's
// vergeio `timeout`.
// The VergeIO VM every vergeio resource acts on (name or key).
struct VergeioVmAttrs : schema::AttrSet {
  schema::Attr<std::string> vm{this, "vm"};
};
extern const VergeioVmAttrs kVergeioVm;

client::Deadline VergeioDeadline(provider::VersContext& ctx, const cty::Value& resource,
                                 const std::string& op);

// The VM named by the resource's `vm` attribute (a key or a name); errors
// become a diagnostic on `vm`.
std::optional<client::VergeioVm> ResolveVm(client::VergeioClient& api, const cty::Value& resource,
                                           client::Deadline d, Diagnostics& diags);

// The VM a Read finds by `id` (the state's `id`, a key or a name): nullopt
// with resp.removed set when VergeIO no longer has it, or with an error
// when the lookup failed.
std::optional<client::VergeioVm> FindVmForRead(client::VergeioClient& api, const std::string& id,
                                               client::Deadline d, ReadResponse& resp);

// The pieces of the comma-separated list in an import id: "" has none, a
// trailing comma adds none, an empty piece between commas is kept (each
// resource says whether that is an error).
std::vector<std::string> SplitImportList(const std::string& list);

}  // namespace vers::resources
