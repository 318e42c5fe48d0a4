// The query parameters of GET requests (`fields`, `filter`, `limit`) and the
// JSON of the rows they select.
//   fields: comma-separated names; absent, "all" or "most" = every field;
//           "$key" is always included. Unknown names are errors.
//   filter: see filter.h (lists only).
//   limit:  a non-negative integer (lists only).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plugin/status.h"
#include "vergeio_local/filter.h"
#include "vergeio_local/row.h"
#include "vergeio_local/schema.h"

namespace vers::vergeio {

struct FieldSelection {
  bool all = true;
  std::vector<std::string> names;  // when !all: requested order, no duplicates
};

struct ListQuery {
  FieldSelection fields;
  Filter filter;
  std::optional<int64_t> limit;
};

Result<FieldSelection> ParseFields(std::optional<std::string_view> text, const TableSpec& table);

Result<ListQuery> ParseListQuery(const TableSpec& table, std::optional<std::string_view> fields,
                                 std::optional<std::string_view> filter,
                                 std::optional<std::string_view> limit);

std::string RowJson(const TableSpec& table, const Row& row, const FieldSelection& fields);
std::string RowsJson(const TableSpec& table, const std::vector<Row>& rows,
                     const FieldSelection& fields);

}  // namespace vers::vergeio
