// Reading JSON request bodies and state files with simdjson's DOM API.
#pragma once

#include <simdjson.h>

#include <optional>
#include <string>

#include "base/status.h"
#include "local/model.h"

namespace vers::local {

// A parsed document; keeps the parser (and so the element) alive.
class JsonDoc {
 public:
  // Parses `text`; an empty text parses as an empty object.
  Status Parse(const std::string& text);
  simdjson::dom::element root() const { return root_; }
  // Why the last Parse failed, in simdjson's words.
  const std::string& error_detail() const { return error_detail_; }

 private:
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
  std::string error_detail_;
};

// Field accessors: nullopt when absent, null or of another type.
std::optional<std::string> GetString(simdjson::dom::element obj, const char* key);
std::optional<int64_t> GetInt(simdjson::dom::element obj, const char* key);
std::optional<double> GetDouble(simdjson::dom::element obj, const char* key);
std::optional<bool> GetBool(simdjson::dom::element obj, const char* key);
// True when `key` is present with any value (including null).
bool Has(simdjson::dom::element obj, const char* key);
// String map (labels); nullopt when absent/null, error when malformed.
Result<std::optional<Labels>> GetLabels(simdjson::dom::element obj, const char* key);

}  // namespace vers::local
