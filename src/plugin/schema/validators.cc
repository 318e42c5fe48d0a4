#include "plugin/schema/validators.h"

#include "plugin/schema/duration.h"

namespace tfplugin::schema::validators {

namespace {
std::string Quoted(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += "\"" + items[i] + "\"";
  }
  return out;
}
}  // namespace

Validator OneOf(std::vector<std::string> allowed) {
  std::string list = Quoted(allowed);
  return {"Must be one of " + list + ".",
          [allowed = std::move(allowed), list](const cty::Value& v, const AttributePath& path,
                                               Diagnostics& diags) {
            for (const auto& a : allowed) {
              if (v.AsString() == a) return;
            }
            diags.AddError(
                "Invalid value",
                path.ToString() + " is \"" + v.AsString() + "\"; it must be one of " + list + ".",
                path);
          }};
}

Validator LengthBetween(size_t min, size_t max) {
  std::string range = std::to_string(min) + " to " + std::to_string(max);
  return {"Length " + range + " characters.",
          [=](const cty::Value& v, const AttributePath& path, Diagnostics& diags) {
            size_t n = v.AsString().size();
            if (n < min || n > max) {
              diags.AddError("Invalid length",
                             path.ToString() + " is " + std::to_string(n) +
                                 " characters long; it must be " + range + " characters.",
                             path);
            }
          }};
}

Validator IntBetween(int64_t min, int64_t max) {
  std::string range = std::to_string(min) + " to " + std::to_string(max);
  return {"A whole number from " + range + ".",
          [=](const cty::Value& v, const AttributePath& path, Diagnostics& diags) {
            auto n = v.AsNumber().ToInt64();
            if (!n || *n < min || *n > max) {
              diags.AddError("Invalid number",
                             path.ToString() + " is " + v.AsNumber().ToString() +
                                 "; it must be a whole number from " + range + ".",
                             path);
            }
          }};
}

Validator Duration() {
  return {"A duration such as `30s`, `5m` or `1h30m`.",
          [](const cty::Value& v, const AttributePath& path, Diagnostics& diags) {
            auto d = ParseDuration(v.AsString());
            if (!d.ok())
              diags.AddError("Invalid duration", path.ToString() + ": " + d.status().message(),
                             path);
          }};
}

Validator MapOfNonEmptyStrings(size_t max_length) {
  std::string limit = std::to_string(max_length);
  return {"Keys and values are non-empty strings of at most " + limit + " characters.",
          [=](const cty::Value& v, const AttributePath& path, Diagnostics& diags) {
            for (const auto& [key, value] : v.AsAttributes()) {
              if (key.empty() || key.size() > max_length) {
                diags.AddError("Invalid map key",
                               path.ToString() + " has a key of " + std::to_string(key.size()) +
                                   " characters; keys must be 1 to " + limit + " characters.",
                               path);
              }
              if (value.is_known() && !value.is_null() &&
                  (value.AsString().empty() || value.AsString().size() > max_length)) {
                diags.AddError("Invalid map value",
                               path.ElementKey(key).ToString() + " must be 1 to " + limit +
                                   " characters long.",
                               path.ElementKey(key));
              }
            }
          }};
}

}  // namespace tfplugin::schema::validators
