#include "vergeio_local/row.h"

namespace vers::vergeio {

std::optional<Value> RowValue(const Row& row, std::string_view name) {
  if (name == kKeyField) return Value(row.key);
  auto it = row.fields.find(name);
  if (it == row.fields.end()) return std::nullopt;
  return it->second;
}

int64_t IntField(const Row& row, std::string_view name) {
  auto v = RowValue(row, name);
  const int64_t* i = v ? std::get_if<int64_t>(&*v) : nullptr;
  return i ? *i : 0;
}

std::string StringField(const Row& row, std::string_view name) {
  auto v = RowValue(row, name);
  const std::string* s = v ? std::get_if<std::string>(&*v) : nullptr;
  return s ? *s : std::string();
}

bool BoolField(const Row& row, std::string_view name) {
  auto v = RowValue(row, name);
  const bool* b = v ? std::get_if<bool>(&*v) : nullptr;
  return b ? *b : false;
}

Result<Fields> ReadFields(const TableSpec& table, simdjson::dom::element object, Writer writer,
                          bool ignore_unknown) {
  if (!object.is_object()) return Status::Error("the body must be a JSON object");
  Fields out;
  for (auto [key, element] : simdjson::dom::object(object)) {
    std::string name(key);
    if (name == kKeyField) {
      if (writer == Writer::kStore) continue;
      return Status::Error("field $key is read-only");
    }
    const FieldSpec* spec = table.Find(name);
    if (ignore_unknown && (!spec || spec->input_only)) continue;
    if (!spec) return Status::Error("unknown field " + name);
    if (spec->read_only && writer == Writer::kClient)
      return Status::Error("field " + name + " is read-only");
    auto value = ReadValue(element, spec->type, name);
    if (!value.ok()) return value.status();
    out[name] = std::move(value).value();
  }
  return out;
}

void ApplyDefaults(const TableSpec& table, Fields& fields) {
  for (const auto& f : table.fields)
    if (!f.input_only && !fields.contains(f.name)) fields[f.name] = f.default_value;
}

void WriteRow(JsonWriter& w, const TableSpec& table, const Row& row, RowFields which) {
  w.BeginObject().Key(kKeyField).Int(row.key);
  for (const auto& f : table.fields) {
    if (f.input_only || (which == RowFields::kSummary && !f.summary)) continue;
    auto v = RowValue(row, f.name);
    if (!v) continue;
    w.Key(f.name);
    WriteValue(w, *v);
  }
  w.EndObject();
}

void WriteNamedFields(JsonWriter& w, const TableSpec& table, const Row& row,
                      const std::vector<std::string>& names) {
  w.BeginObject();
  for (const auto& name : names) {
    FieldType type;
    auto v = table.TypeOf(name, &type) ? RowValue(row, name) : std::nullopt;
    w.Key(name);
    WriteValue(w, v ? *v : Value(std::string()));
  }
  w.EndObject();
}

}  // namespace vers::vergeio
