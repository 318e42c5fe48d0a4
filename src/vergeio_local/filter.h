// The `filter` query parameter of VergeIO list requests, restricted to a
// conjunction of equality tests:
//   name eq 'web\'s vm' and cpu_cores eq 2 and running ne false
// Each literal must have its field's type: 'text', an integer, or
// true/false. Keywords (eq, ne, and, true, false) are case-insensitive.
//
// String literals follow VergeOS 26.1.8 as measured by the maintainers of
// verge-io/ansible-collection-vergeos (docs/KNOWN-BUGS.md, B1, B18, B19):
//   - \ escapes the three reserved characters \ ' { (a backslash before any
//     other character stands for that character);
//   - 'zz-o''brien' (the SQL form) and a lone unescaped { are refused with
//     "Invalid argument" (HTTP 422);
//   - an unescaped balanced {...} is consumed by the grammar: 'br{x}ace'
//     compares with "brace";
//   - a field the table does not have is an empty column, so
//     `nosuch eq ''` matches every row.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "vergeio_local/row.h"
#include "vergeio_local/schema.h"

namespace vers::vergeio {

struct Condition {
  std::string field;
  bool equal = true;  // eq; false: ne
  Value literal;
  bool unknown_field = false;  // the table has no such field: it reads as ""
};

struct Filter {
  std::vector<Condition> conditions;  // all must hold; none: every row matches
  bool Matches(const Row& row) const;
};

// The message of a literal the grammar refuses, as VergeOS words it.
inline constexpr std::string_view kInvalidArgument = "Invalid argument";

// Parses `text` for rows of `table`; errors are kInvalidArgument or start
// with "filter: ".
Result<Filter> ParseFilter(std::string_view text, const TableSpec& table);

}  // namespace vers::vergeio
