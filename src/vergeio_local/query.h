// The query parameters of GET requests (`fields`, `filter`, `limit`) and the
// JSON of the rows they select.
//   fields: "all" or "most": "$key" and every field (verge-io/docs
//           api-guide.md). A comma-separated list: exactly those fields, in
//           that order, "$key" only when listed, and a name the table does
//           not have reads as "" (measured on VergeOS 26.1.8:
//           `vms?fields=name,description,cpu_cores,ram` answers without
//           "$key", verge-io/ansible-collection-vergeos docs/DEFECTS-D1-D6.md;
//           api-vm-power-management.md shows the same for machine_status).
//           Absent: "$key" and the table's few summary fields only -- what
//           the real default holds is not documented, and a small set makes
//           a client that forgets `fields` fail in tests.
//   filter: see filter.h (lists only).
//   limit:  a non-negative integer; 0 means unlimited (api-guide.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "vergeio_local/filter.h"
#include "vergeio_local/row.h"
#include "vergeio_local/schema.h"

namespace vers::vergeio {

struct FieldSelection {
  enum class Mode { kDefault, kAll, kNamed } mode = Mode::kDefault;
  std::vector<std::string> names;  // kNamed: requested order, no duplicates
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
