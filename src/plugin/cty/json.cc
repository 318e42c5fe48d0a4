// DecodeJson/DecodeJsonLenient. Decoding walks simdjson's On-Demand API so
// that number tokens are seen as text (exact big numbers) and nothing is
// materialized twice. Scalars are in json_scalar.h, the skipping of dropped
// members in json_skip.cc, Dynamic wrappers in json_dynamic.cc, encoding in
// json_encode.cc.
#include "plugin/cty/json.h"

#include <simdjson.h>

#include <optional>

#include "plugin/base.h"
#include "plugin/cty/json_decode.h"
#include "plugin/cty/json_internal.h"
#include "plugin/cty/json_scalar.h"
#include "plugin/cty/type_json.h"

namespace tfplugin::cty {
namespace {

namespace od = simdjson::ondemand;
using json_internal::CheckNull;
using json_internal::Context;
using json_internal::DecodeBool;
using json_internal::DecodeDocument;
using json_internal::DecodeNumber;
using json_internal::DecodeString;
using json_internal::DepthGuard;
using json_internal::NumberText;
using json_internal::PathGuard;
using json_internal::ReadBool;
using json_internal::SkipValue;
using json_internal::SyntaxError;
using json_internal::Unwrap;

Result<Value> DecodeValue(od::value& node, const Type& type, Context& ctx);

// Collections whose element type contains Dynamic take the type of their
// elements, as go-cty's ListVal/MapVal/SetVal do: the first element that is
// not a null of unknown type decides; such nulls are retyped to it.
Result<Type> UnifyElements(const Type& ety, Value::Elements& elems, const Context& ctx) {
  if (ety.is_concrete()) return ety;
  Type unified = ety;
  for (const auto& v : elems) {
    if (!v.type().is_dynamic()) {
      unified = v.type();
      break;
    }
  }
  for (auto& v : elems) {
    if (v.type().is_dynamic()) {
      v = Value::Null(unified);
    } else if (v.type() != unified) {
      return ctx.Error("all elements must have the same type, but found " + unified.FriendlyName() +
                       " and " + v.type().FriendlyName());
    }
  }
  return unified;
}

Result<Value> DecodeArray(od::array& arr, const Type& type, Context& ctx) {
  const bool tuple = type.kind() == TypeKind::kTuple;
  const auto& tuple_types = type.tuple_elements();
  Value::Elements elems;
  for (auto item : arr) {
    od::value v;
    if (auto e = item.get(v)) return SyntaxError(ctx, e);
    if (tuple && elems.size() >= tuple_types.size()) {
      return ctx.Error("too many tuple elements (need " + std::to_string(tuple_types.size()) + ")");
    }
    PathGuard step(ctx, json_internal::IndexStep(elems.size()));
    auto ev = DecodeValue(v, tuple ? tuple_types[elems.size()] : type.element(), ctx);
    if (!ev.ok()) return ev.status();
    elems.push_back(std::move(ev).value());
  }
  if (tuple) {
    if (elems.size() != tuple_types.size()) {
      return ctx.Error("not enough tuple elements (need " + std::to_string(tuple_types.size()) +
                       ")");
    }
    return Value::Tuple(std::move(elems));
  }
  auto ety = UnifyElements(type.element(), elems, ctx);
  if (!ety.ok()) return ety.status();
  if (type.kind() == TypeKind::kSet) return Value::Set(std::move(ety).value(), std::move(elems));
  return Value::List(std::move(ety).value(), std::move(elems));
}

Result<Value> DecodeObject(od::object& obj, const Type& type, Context& ctx) {
  const bool is_map = type.kind() == TypeKind::kMap;
  Value::Attributes attrs;
  for (auto field : obj) {
    std::string_view key_view;
    if (auto e = field.unescaped_key().get(key_view)) return SyntaxError(ctx, e);
    std::string key(key_view);  // the view dies with the next string read
    od::value v;
    if (auto e = field.value().get(v)) return SyntaxError(ctx, e);
    const Type* member_type = nullptr;
    if (is_map) {
      member_type = &type.element();
    } else if (auto it = type.attributes().find(key); it != type.attributes().end()) {
      member_type = &it->second;
    }
    PathGuard step(ctx, is_map ? json_internal::IndexStep(key) : json_internal::AttrStep(key));
    if (member_type == nullptr) {
      if (!ctx.lenient) {
        step.Pop();
        return ctx.Error("unsupported attribute " + json_internal::QuoteForMessage(key));
      }
      if (Status s = SkipValue(v, ctx); !s.ok()) return s;
      continue;
    }
    auto mv = DecodeValue(v, *member_type, ctx);
    if (!mv.ok()) return mv.status();
    attrs.insert_or_assign(std::move(key), std::move(mv).value());
  }
  if (is_map) {
    Value::Elements elems;  // unify through a vector, then put the keys back
    for (auto& [k, v] : attrs) elems.push_back(std::move(v));
    auto ety = UnifyElements(type.element(), elems, ctx);
    if (!ety.ok()) return ety.status();
    size_t i = 0;
    for (auto& [k, v] : attrs) v = std::move(elems[i++]);
    return Value::Map(std::move(ety).value(), std::move(attrs));
  }
  for (const auto& [name, t] : type.attributes()) {
    if (!attrs.contains(name)) attrs.emplace(name, Value::Null(t));
  }
  return Value::Object(std::move(attrs));
}

// One value at `node`, which is the document root or a nested value.
template <typename Node>
Result<Value> Decode(Node& node, const Type& type, Context& ctx) {
  od::json_type jt;
  if (auto e = node.type().get(jt)) return SyntaxError(ctx, e);
  if (jt == od::json_type::null) {
    if (Status s = CheckNull(node, ctx); !s.ok()) return s;
    return Value::Null(type);
  }
  switch (type.kind()) {
    case TypeKind::kString:
      return DecodeString(node, jt, ctx);
    case TypeKind::kNumber:
      return DecodeNumber(node, jt, ctx);
    case TypeKind::kBool:
      return DecodeBool(node, jt, ctx);
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kTuple: {
      if (jt != od::json_type::array) {
        return ctx.Error("a JSON array is required for a " + type.FriendlyName());
      }
      DepthGuard depth(ctx);
      if (!depth.ok()) return depth.status();
      od::array arr;
      if (auto e = node.get_array().get(arr)) return SyntaxError(ctx, e);
      return DecodeArray(arr, type, ctx);
    }
    case TypeKind::kMap:
    case TypeKind::kObject:
    case TypeKind::kDynamic: {
      if (jt != od::json_type::object) {
        return ctx.Error("a JSON object is required for " +
                         std::string(type.is_dynamic() ? "a dynamically-typed value"
                                                       : "a " + type.FriendlyName()));
      }
      DepthGuard depth(ctx);
      if (!depth.ok()) return depth.status();
      od::object obj;
      if (auto e = node.get_object().get(obj)) return SyntaxError(ctx, e);
      if (type.is_dynamic()) return json_internal::DecodeDynamic(obj, ctx);
      return DecodeObject(obj, type, ctx);
    }
  }
  return ctx.Error("unsupported type");
}

Result<Value> DecodeValue(od::value& node, const Type& type, Context& ctx) {
  return Decode(node, type, ctx);
}

}  // namespace

Result<Value> json_internal::DecodeDocument(std::string_view json, const Type& type, Context& ctx) {
  simdjson::padded_string padded(json);
  od::parser parser;
  od::document doc;
  if (auto e = parser.iterate(padded).get(doc)) return SyntaxError(ctx, e);
  bool scalar = false;
  if (auto e = doc.is_scalar().get(scalar)) return SyntaxError(ctx, e);
  if (scalar) {
    // A scalar token is not consumed by reading it, so check here that it
    // (with its trailing whitespace) runs to the end of the input.
    std::string_view tok;
    if (auto e = doc.raw_json_token().get(tok)) return SyntaxError(ctx, e);
    if (tok.data() + tok.size() != padded.data() + json.size()) {
      return ctx.Error("invalid JSON: unexpected content after the value");
    }
  }
  auto v = Decode(doc, type, ctx);
  if (!v.ok()) return v;
  if (!scalar && doc.current_location().error() != simdjson::OUT_OF_BOUNDS) {
    return ctx.Error("invalid JSON: unexpected content after the value");
  }
  return v;
}

Result<Value> DecodeJson(std::string_view json, const Type& type) {
  Context ctx;
  return DecodeDocument(json, type, ctx);
}

Result<Value> DecodeJsonLenient(std::string_view json, const Type& type) {
  Context ctx;
  ctx.lenient = true;
  return DecodeDocument(json, type, ctx);
}

}  // namespace tfplugin::cty
