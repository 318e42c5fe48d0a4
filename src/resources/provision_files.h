// The `files` attribute of vers_provision, read into uploads: each element's
// source listed (a directory expanded) and its destination checked, then
// every destination checked against the others. Part of ReadProvisionInputs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "plugin/cty/value.h"
#include "plugin/diagnostics.h"
#include "resources/framework.h"
#include "resources/provision_inputs.h"

namespace vers::resources {

// Appends the uploads of the wholly known elements of `files` (a list, maybe
// null or unknown) to `out`; bad ones are diagnostics on files[i].
void ReadUploads(const cty::Value& files, std::vector<UploadItem>& out, Diagnostics& diags);

// An octal permission of 1-4 digits ("0644", "755"); nullopt otherwise.
std::optional<int> ParseMode(const std::string& s);

}  // namespace vers::resources
