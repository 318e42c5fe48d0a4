// Scalar tokens for the cty JSON decoder (json.cc): reading them from
// simdjson On-Demand nodes (the document root or a nested value, hence the
// templates) and go-cty's string/number/bool conversions. Not a public API.
#pragma once

#include <simdjson.h>

#include <cctype>
#include <string>
#include <string_view>

#include "plugin/base.h"
#include "plugin/cty/json_internal.h"
#include "plugin/cty/value.h"

namespace tfplugin::cty::json_internal {

namespace od = simdjson::ondemand;

// The Status for simdjson's error `e` at the context's path.
inline Status SyntaxError(const Context& ctx, simdjson::error_code e) {
  return ctx.Error(std::string("invalid JSON: ") + simdjson::error_message(e));
}

// raw_json_token() returns a plain string_view on values but a result on
// documents; these overloads let templates treat both alike.
inline simdjson::error_code Unwrap(std::string_view token, std::string_view& out) {
  out = token;
  return simdjson::SUCCESS;
}
// The result's value into `out`, or its error.
inline simdjson::error_code Unwrap(simdjson::simdjson_result<std::string_view> token,
                                   std::string_view& out) {
  return std::move(token).get(out);
}

// The text of the scalar token at `node`, without trailing whitespace.
template <typename Node>
Result<std::string_view> Token(Node& node, const Context& ctx) {
  std::string_view tok;
  if (auto e = Unwrap(node.raw_json_token(), tok)) return SyntaxError(ctx, e);
  while (!tok.empty() &&
         (tok.back() == ' ' || tok.back() == '\t' || tok.back() == '\n' || tok.back() == '\r')) {
    tok.remove_suffix(1);
  }
  return tok;
}

// simdjson classifies a scalar by its first byte and (in 3.0.1) accepts e.g.
// a root "falsey" as false, so number and literal tokens are checked here.
template <typename Node>
Result<std::string_view> NumberText(Node& node, const Context& ctx) {
  auto tok = Token(node, ctx);
  if (tok.ok() && !JsonWriter::IsNumber(tok.value())) {
    return ctx.Error("invalid JSON: malformed number");
  }
  return tok;
}

// The literal true or false at `node`; any other token is an error.
template <typename Node>
Result<bool> ReadBool(Node& node, const Context& ctx) {
  auto tok = Token(node, ctx);
  if (!tok.ok()) return tok.status();
  if (tok.value() == "true") return true;
  if (tok.value() == "false") return false;
  return ctx.Error("invalid JSON: malformed literal");
}

// OK when the token at `node` is exactly null.
template <typename Node>
Status CheckNull(Node& node, const Context& ctx) {
  auto tok = Token(node, ctx);
  if (!tok.ok()) return tok.status();
  return tok.value() == "null" ? Status::Ok() : ctx.Error("invalid JSON: malformed literal");
}

// A cty string from a JSON string, number (its text as written) or bool
// ("true"/"false"), as go-cty converts; other JSON types are an error.
template <typename Node>
Result<Value> DecodeString(Node& node, od::json_type jt, const Context& ctx) {
  switch (jt) {
    case od::json_type::string: {
      std::string_view s;
      if (auto e = node.get_string().get(s)) return SyntaxError(ctx, e);
      return Value::String(std::string(s));
    }
    case od::json_type::number: {  // Go keeps the number's text as written
      auto text = NumberText(node, ctx);
      if (!text.ok()) return text.status();
      return Value::String(std::string(text.value()));
    }
    case od::json_type::boolean: {
      auto b = ReadBool(node, ctx);
      if (!b.ok()) return b.status();
      return Value::String(b.value() ? "true" : "false");
    }
    default:
      return ctx.Error("a string is required");
  }
}

// A cty number, exact, from a JSON number or a string holding one.
template <typename Node>
Result<Value> DecodeNumber(Node& node, od::json_type jt, const Context& ctx) {
  std::string_view text;
  if (jt == od::json_type::number) {
    auto t = NumberText(node, ctx);
    if (!t.ok()) return t.status();
    text = t.value();
  } else if (jt == od::json_type::string) {
    if (auto e = node.get_string().get(text)) return SyntaxError(ctx, e);
  } else {
    return ctx.Error("a number is required");
  }
  auto n = Number::Parse(text);
  if (!n.ok())
    return ctx.Error(jt == od::json_type::string ? "a number is required" : n.status().message());
  return Value::NumberVal(std::move(n).value());
}

// A cty bool from a JSON bool or the strings "true"/"1" and "false"/"0".
template <typename Node>
Result<Value> DecodeBool(Node& node, od::json_type jt, const Context& ctx) {
  if (jt == od::json_type::boolean) {
    auto b = ReadBool(node, ctx);
    if (!b.ok()) return b.status();
    return Value::Bool(b.value());
  }
  if (jt != od::json_type::string) return ctx.Error("a bool is required");
  std::string_view s;
  if (auto e = node.get_string().get(s)) return SyntaxError(ctx, e);
  if (s == "true" || s == "1") return Value::Bool(true);
  if (s == "false" || s == "0") return Value::Bool(false);
  if (s.size() == 4 || s.size() == 5) {  // go-cty's hint for "True", "FALSE", ...
    std::string lower(s);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "true" || lower == "false") {
      return ctx.Error("a bool is required; to convert from string, use lowercase \"" + lower +
                       "\"");
    }
  }
  return ctx.Error("a bool is required");
}

}  // namespace tfplugin::cty::json_internal
