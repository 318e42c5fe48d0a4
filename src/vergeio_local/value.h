// Field values of the emulated VergeIO tables: an integer, a string or a
// boolean. Reads them from JSON (strictly typed: 2.0 is not an integer, null
// is not a string) and writes them back with JsonWriter.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <string>
#include <variant>

#include "base/json_writer.h"
#include "base/status.h"

namespace vers::vergeio {

enum class FieldType { kInt, kString, kBool };

using Value = std::variant<int64_t, std::string, bool>;

// "an integer", "a string", "a boolean": for error messages.
const char* TypeName(FieldType type);
FieldType TypeOf(const Value& value);

void WriteValue(JsonWriter& w, const Value& value);

// The text of a finished JsonWriter; {"err":"encoding failed"} when it failed
// (e.g. a string that is not UTF-8).
std::string TakeJson(JsonWriter& w);

// Decodes `element` as a `type` value; the error names `field`.
Result<Value> ReadValue(simdjson::dom::element element, FieldType type, const std::string& field);

}  // namespace vers::vergeio
