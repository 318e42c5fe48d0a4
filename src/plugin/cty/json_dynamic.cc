// json_internal::DecodeDynamic (json_decode.h).
#include <simdjson.h>

#include <optional>
#include <string>

#include "plugin/cty/json_decode.h"
#include "plugin/cty/json_scalar.h"
#include "plugin/cty/type_json.h"

namespace tfplugin::cty::json_internal {
namespace {

namespace od = simdjson::ondemand;

// The JSON text of `node`, unvalidated (the caller parses it again).
Result<std::string_view> RawJson(od::value& node, const Context& ctx) {
  od::json_type jt;
  if (auto e = node.type().get(jt)) return SyntaxError(ctx, e);
  std::string_view raw;
  simdjson::error_code e = simdjson::SUCCESS;
  if (jt == od::json_type::object) {
    od::object obj;
    e = node.get_object().get(obj);
    if (!e) e = obj.raw_json().get(raw);
  } else if (jt == od::json_type::array) {
    od::array arr;
    e = node.get_array().get(arr);
    if (!e) e = arr.raw_json().get(raw);
  } else {
    e = Unwrap(node.raw_json_token(), raw);
  }
  if (e) return SyntaxError(ctx, e);
  return raw;
}

}  // namespace

// {"value": ..., "type": ...} in either order. The value cannot be decoded
// before its type is known, so both are taken as raw text and the value is
// decoded afterwards with a parser of its own.
Result<Value> DecodeDynamic(od::object& obj, Context& ctx) {
  std::optional<std::string> type_text;
  std::optional<std::string> value_text;
  for (auto field : obj) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) return SyntaxError(ctx, e);
    bool is_type = key == "type";
    if (!is_type && key != "value") {
      return ctx.Error("invalid key " + json_internal::QuoteForMessage(key) +
                       " in dynamically-typed value");
    }
    od::value v;
    if (auto e = field.value().get(v)) return SyntaxError(ctx, e);
    auto raw = RawJson(v, ctx);
    if (!raw.ok()) return raw.status();
    (is_type ? type_text : value_text) = std::string(raw.value());
  }
  if (!type_text) return ctx.Error("missing type in dynamically-typed value");
  if (!value_text) return ctx.Error("missing value in dynamically-typed value");
  auto type = DecodeTypeJson(*type_text);
  if (!type.ok()) {
    return ctx.Error("failed to decode type for dynamic value: " + type.status().message());
  }
  return DecodeDocument(*value_text, type.value(), ctx);
}

}  // namespace tfplugin::cty::json_internal
