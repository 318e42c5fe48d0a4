// JSON read as terraform-plugin-testing's "flatmap": one string per leaf,
// named by its path. Object members join with '.', list elements are ".0",
// ".1", … with ".#" their count, map/object members also give ".%" their
// count; strings are their text, numbers their JSON text, bools
// "true"/"false"; null leaves are absent (as null attributes are in
// terraform-plugin-testing's checks).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vers::acceptance {

using FlatMap = std::map<std::string, std::string>;

// The value at JSON `pointer` (RFC 6901, "" for the whole text) of `json`,
// flattened; an error when the text is not JSON or the pointer names nothing.
Result<FlatMap> Flatten(std::string_view json, std::string_view pointer = "");

// Each element of the array at `pointer`, flattened.
Result<std::vector<FlatMap>> FlattenRows(std::string_view json, std::string_view pointer = "");

// The scalar at `pointer` as flattened ("" for null); an error when absent.
Result<std::string> Field(std::string_view json, std::string_view pointer);

// The members of `map` under `prefix` + "." with the prefix removed.
FlatMap Under(const FlatMap& map, const std::string& prefix);

// `s` as a JSON string literal (for request bodies built from data).
std::string Quote(std::string_view s);

}  // namespace vers::acceptance
