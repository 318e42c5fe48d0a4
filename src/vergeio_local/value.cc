#include "vergeio_local/value.h"

namespace vers::vergeio {

const char* TypeName(FieldType type) {
  switch (type) {
    case FieldType::kInt:
      return "an integer";
    case FieldType::kString:
      return "a string";
    case FieldType::kBool:
      return "a boolean";
  }
  return "a value";
}

FieldType TypeOf(const Value& value) {
  if (std::holds_alternative<int64_t>(value)) return FieldType::kInt;
  if (std::holds_alternative<bool>(value)) return FieldType::kBool;
  return FieldType::kString;
}

void WriteValue(JsonWriter& w, const Value& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) {
    w.Int(*i);
  } else if (const auto* b = std::get_if<bool>(&value)) {
    w.Bool(*b);
  } else {
    w.String(std::get<std::string>(value));
  }
}

std::string TakeJson(JsonWriter& w) {
  auto text = w.Take();
  return text.ok() ? text.value() : std::string(R"({"err":"encoding failed"})");
}

Result<Value> ReadValue(simdjson::dom::element element, FieldType type, const std::string& field) {
  switch (type) {
    case FieldType::kInt:
      if (element.is_int64()) return Value(int64_t(element));
      break;
    case FieldType::kString:
      if (element.is_string()) return Value(std::string(std::string_view(element)));
      break;
    case FieldType::kBool:
      if (element.is_bool()) return Value(bool(element));
      break;
  }
  return Status::Error("field " + field + " must be " + TypeName(type));
}

}  // namespace vers::vergeio
