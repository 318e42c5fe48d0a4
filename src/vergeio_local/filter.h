// The `filter` query parameter of VergeIO list requests, restricted to a
// conjunction of equality tests:
//   name eq 'web''s vm' and cpu_cores eq 2 and running ne false
// Field names are checked against the table, and each literal must have its
// field's type: 'text' (with '' for a quote), an integer, or true/false.
// Keywords (eq, ne, and, true, false) are case-insensitive.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "plugin/status.h"
#include "vergeio_local/row.h"
#include "vergeio_local/schema.h"

namespace vers::vergeio {

struct Condition {
  std::string field;
  bool equal = true;  // eq; false: ne
  Value literal;
};

struct Filter {
  std::vector<Condition> conditions;  // all must hold; none: every row matches
  bool Matches(const Row& row) const;
};

// Parses `text` for rows of `table`; errors start with "filter: ".
Result<Filter> ParseFilter(std::string_view text, const TableSpec& table);

}  // namespace vers::vergeio
