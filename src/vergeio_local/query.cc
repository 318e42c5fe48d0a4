#include "vergeio_local/query.h"

#include <algorithm>
#include <charconv>

namespace vers::vergeio {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void Write(JsonWriter& w, const TableSpec& table, const Row& row, const FieldSelection& fields) {
  using Mode = FieldSelection::Mode;
  if (fields.mode == Mode::kNamed) return WriteNamedFields(w, table, row, fields.names);
  WriteRow(w, table, row, fields.mode == Mode::kDefault ? RowFields::kSummary : RowFields::kAll);
}

}  // namespace

Result<FieldSelection> ParseFields(std::optional<std::string_view> text, const TableSpec&) {
  FieldSelection selection;
  if (!text) return selection;
  std::string_view all = Trim(*text);
  if (all.empty()) return selection;
  if (all == "all" || all == "most") {
    selection.mode = FieldSelection::Mode::kAll;
    return selection;
  }
  selection.mode = FieldSelection::Mode::kNamed;
  while (true) {
    size_t comma = all.find(',');
    std::string name(Trim(all.substr(0, comma)));
    if (name.empty()) return Status::Error("fields: empty field name");
    if (std::find(selection.names.begin(), selection.names.end(), name) == selection.names.end())
      selection.names.push_back(std::move(name));
    if (comma == std::string_view::npos) return selection;
    all.remove_prefix(comma + 1);
  }
}

Result<ListQuery> ParseListQuery(const TableSpec& table, std::optional<std::string_view> fields,
                                 std::optional<std::string_view> filter,
                                 std::optional<std::string_view> limit) {
  ListQuery q;
  auto selection = ParseFields(fields, table);
  if (!selection.ok()) return selection.status();
  q.fields = std::move(selection).value();
  if (filter) {
    auto parsed = ParseFilter(*filter, table);
    if (!parsed.ok()) return parsed.status();
    q.filter = std::move(parsed).value();
  }
  if (limit) {
    std::string_view l = Trim(*limit);
    int64_t n = -1;
    auto [end, ec] = std::from_chars(l.data(), l.data() + l.size(), n);
    if (l.empty() || ec != std::errc() || end != l.data() + l.size() || n < 0)
      return Status::Error("limit must be a non-negative integer");
    if (n > 0) q.limit = n;
  }
  return q;
}

std::string RowJson(const TableSpec& table, const Row& row, const FieldSelection& fields) {
  JsonWriter w;
  Write(w, table, row, fields);
  return TakeJson(w);
}

std::string RowsJson(const TableSpec& table, const std::vector<Row>& rows,
                     const FieldSelection& fields) {
  JsonWriter w;
  w.BeginArray();
  for (const auto& row : rows) Write(w, table, row, fields);
  w.EndArray();
  return TakeJson(w);
}

}  // namespace vers::vergeio
