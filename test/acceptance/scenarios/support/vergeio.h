// vergeio-local queries for the scenarios that use it (vergeio,
// refresh_only): what the bash tests asked with curl and python.
#pragma once

#include <functional>
#include <string>

#include "checks.h"

namespace vers::acceptance {

// vergeio-local's answer to METHOD PATH [BODY]; throws (fails the case) when
// the call fails: set-up and pre_config actions must work.
std::string Vio(Context& ctx, const std::string& method, const std::string& path,
                const std::string& body = "");

// Makes a VM (POST /api/v4/vms); its "$key".
std::string NewVm(Context& ctx, const std::string& name, int cpu_cores = 1, int ram = 1024,
                  const std::string& description = "");

// The machine key of VM `vm_key`.
Result<std::string> MachineOf(Context& ctx, const std::string& vm_key);

// The rows of GET PATH (a list), flattened.
Result<std::vector<FlatMap>> Rows(Context& ctx, const std::string& path);

// The sorted values of FIELD of GET PATH's rows, joined by spaces.
Result<std::string> Sorted(Context& ctx, const std::string& path, const std::string& field);

// How many rows of GET PATH have FIELD = VALUE (every row when FIELD is "").
Result<std::string> Count(Context& ctx, const std::string& path, const std::string& field = "",
                          const std::string& value = "");

// A check that QUERY's answer equals EXPECTED ({{…}} expanded).
Check VioIs(std::string what, std::function<Result<std::string>(Context&)> query,
            std::string expected);

// VM vars["vm_key"]'s FIELDS (comma-separated) as its values joined by spaces.
Result<std::string> VmFields(Context& ctx, const std::string& fields);

// The "$key" of the row of GET PATH whose FIELD is VALUE (fails the case if none).
std::string KeyWhere(Context& ctx, const std::string& path, const std::string& field,
                     const std::string& value);

// Sets vergeio-local's faults (POST /_admin/faults; "{}" ends them).
void Faults(Context& ctx, const std::string& faults);

inline constexpr char kTags[] = "/api/v4/tags?fields=name";

}  // namespace vers::acceptance
