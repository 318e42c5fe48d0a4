// Reading API requests strictly: every malformed part is refused with a 400
// that names the part and says what is accepted, as the real API's typed
// extractors refuse it (Path<Uuid>, Query<..>, Json<..> in its axum routes).
#pragma once

#include <httplib.h>
#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>

#include "local/json_read.h"
#include "local/outcome.h"

namespace vers::local {

// Parses the body into `doc`; it must be a JSON object. An empty body is a
// 400 where the spec requires one (requestBody.required), else it reads as {}.
enum class Body { kRequired, kOptional };
Outcome<Done> ReadJsonObject(const httplib::Request& req, JsonDoc& doc,
                             Body body = Body::kRequired);

// Optional fields of a JSON object: absent or null is nullopt; any other
// type is a 400 ("<key> must be a string or null, got number").
Outcome<std::optional<std::string>> OptionalString(simdjson::dom::element obj, const char* key);
// An integer in [min, max]; a number with no fraction (2048.0) is one, as in
// JSON Schema.
Outcome<std::optional<int64_t>> OptionalInt(simdjson::dom::element obj, const char* key,
                                            int64_t min, int64_t max);
Outcome<std::optional<bool>> OptionalBool(simdjson::dom::element obj, const char* key);
// A UUID string (the spec's "format": "uuid").
Outcome<std::optional<std::string>> OptionalUuid(simdjson::dom::element obj, const char* key);

// Query parameters. A boolean is "true" or "false" (serde's bool, as the
// real API parses it); an integer is decimal digits with an optional sign.
Outcome<bool> QueryBool(const httplib::Request& req, const char* name, bool fallback);
Outcome<std::optional<int64_t>> QueryInt(const httplib::Request& req, const char* name, int64_t min,
                                         int64_t max);

// A path segment the real API parses as a UUID: 400 "<name> must be a UUID".
Outcome<Done> RequireUuid(const std::string& value, const char* name);

// The JSON type of `e` in words ("string", "number", "object", ...).
const char* JsonTypeName(simdjson::dom::element e);

}  // namespace vers::local
