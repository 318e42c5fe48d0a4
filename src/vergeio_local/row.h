// Rows of the emulated tables: a "$key" and named field values. Decodes
// client bodies and stored rows into fields, and encodes rows as JSON objects.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_writer.h"
#include "base/status.h"
#include "vergeio_local/schema.h"

namespace vers::vergeio {

using Fields = std::map<std::string, Value, std::less<>>;

struct Row {
  int64_t key = 0;
  Fields fields;
};

// The value of `name` ("$key" included), or nullopt when the row lacks it.
std::optional<Value> RowValue(const Row& row, std::string_view name);
// Typed reads; the type's zero value when absent or of another type.
int64_t IntField(const Row& row, std::string_view name);
std::string StringField(const Row& row, std::string_view name);
bool BoolField(const Row& row, std::string_view name);

// Who wrote the JSON that ReadFields decodes.
enum class Writer {
  kClient,  // a request body: read-only fields and "$key" are errors
  kStore,   // the state file: everything goes; "$key" is skipped (the caller reads it)
};

// Decodes the members of JSON object `object` as fields of `table`. Unknown
// fields ("unknown field x") and wrong types are errors, except that with
// `ignore_unknown` unknown fields (and input-only ones) are skipped, as
// VergeIO's PUT does.
Result<Fields> ReadFields(const TableSpec& table, simdjson::dom::element object, Writer writer,
                          bool ignore_unknown = false);

// Fills in the defaults of the fields `fields` lacks.
void ApplyDefaults(const TableSpec& table, Fields& fields);

// Which fields WriteRow writes, after "$key", in schema order.
enum class RowFields { kAll, kSummary };
void WriteRow(JsonWriter& w, const TableSpec& table, const Row& row,
              RowFields which = RowFields::kAll);

// Writes `row` as an object of exactly the fields in `names`, in that order
// ("$key" only when named); a name `table` does not have reads as "".
void WriteNamedFields(JsonWriter& w, const TableSpec& table, const Row& row,
                      const std::vector<std::string>& names);

}  // namespace vers::vergeio
