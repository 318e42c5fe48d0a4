// EncodeJson (declared in json.h): the value is walked against the schema
// type, not its own, because only the schema type says where Dynamic
// positions need the {"value", "type"} wrapper.
#include <string>

#include "plugin/base.h"
#include "plugin/cty/json.h"
#include "plugin/cty/json_internal.h"
#include "plugin/cty/type_json.h"

namespace tfplugin::cty {
namespace {

using json_internal::Context;
using json_internal::DepthGuard;
using json_internal::PathGuard;

Status Encode(const Value& value, const Type& type, JsonWriter& w, Context& ctx);

Status EncodeDynamic(const Value& value, JsonWriter& w, Context& ctx) {
  DepthGuard depth(ctx);  // the wrapper is a level of JSON nesting too
  if (!depth.ok()) return depth.status();
  w.BeginObject().Key("value");
  if (Status s = Encode(value, value.type(), w, ctx); !s.ok()) return s;
  w.Key("type").Raw(EncodeTypeJson(value.type())).EndObject();
  return Status::Ok();
}

Status EncodeElements(const Value& value, const Type& type, JsonWriter& w, Context& ctx) {
  const auto& elems = value.AsElements();
  const bool tuple = type.kind() == TypeKind::kTuple;
  if (tuple && elems.size() != type.tuple_elements().size()) {
    return ctx.Error("tuple value has " + std::to_string(elems.size()) +
                     " elements but its type has " + std::to_string(type.tuple_elements().size()));
  }
  w.BeginArray();
  for (size_t i = 0; i < elems.size(); ++i) {
    PathGuard step(ctx, json_internal::IndexStep(i));
    const Type& ety = tuple ? type.tuple_elements()[i] : type.element();
    if (Status s = Encode(elems[i], ety, w, ctx); !s.ok()) return s;
  }
  w.EndArray();
  return Status::Ok();
}

Status EncodeMembers(const Value& value, const Type& type, JsonWriter& w, Context& ctx) {
  const auto& members = value.AsAttributes();
  w.BeginObject();
  if (type.kind() == TypeKind::kMap) {
    for (const auto& [key, v] : members) {  // std::map: sorted by bytes, like Go
      PathGuard step(ctx, json_internal::IndexStep(key));
      if (!w.Key(key).ok()) return ctx.Error("map key is not valid UTF-8");
      if (Status s = Encode(v, type.element(), w, ctx); !s.ok()) return s;
    }
  } else {
    for (const auto& [name, v] : members) {
      if (!type.attributes().contains(name)) {
        return ctx.Error("value has attribute " + json_internal::QuoteForMessage(name) +
                         " that its type does not");
      }
    }
    for (const auto& [name, atype] : type.attributes()) {
      PathGuard step(ctx, json_internal::AttrStep(name));
      if (!w.Key(name).ok()) return ctx.Error("attribute name is not valid UTF-8");
      auto it = members.find(name);
      Value v = it == members.end() ? Value::Null(atype) : it->second;
      if (Status s = Encode(v, atype, w, ctx); !s.ok()) return s;
    }
  }
  w.EndObject();
  return Status::Ok();
}

Status Encode(const Value& value, const Type& type, JsonWriter& w, Context& ctx) {
  if (!value.is_known()) return ctx.Error("value is not known");
  // A Dynamic position must record the value's type so decoding can recover
  // it; only a null of unknown type has nothing to record.
  if (type.is_dynamic() && !value.type().is_dynamic()) return EncodeDynamic(value, w, ctx);
  if (value.is_null()) {
    w.Null();
    return Status::Ok();
  }
  if (value.type().kind() != type.kind()) {
    return ctx.Error("a " + value.type().FriendlyName() + " value cannot be encoded as " +
                     type.FriendlyName());
  }
  switch (type.kind()) {
    case TypeKind::kString:
      if (!w.String(value.AsString()).ok()) return ctx.Error("string is not valid UTF-8");
      return Status::Ok();
    case TypeKind::kNumber:
      if (value.AsNumber().is_infinite()) return ctx.Error("cannot serialize infinity as JSON");
      w.Number(value.AsNumber().ToString());
      return w.ok() ? Status::Ok() : ctx.Error(w.status().message());
    case TypeKind::kBool:
      w.Bool(value.AsBool());
      return Status::Ok();
    case TypeKind::kList:
    case TypeKind::kSet:
    case TypeKind::kTuple: {
      DepthGuard depth(ctx);
      if (!depth.ok()) return depth.status();
      return EncodeElements(value, type, w, ctx);
    }
    case TypeKind::kMap:
    case TypeKind::kObject: {
      DepthGuard depth(ctx);
      if (!depth.ok()) return depth.status();
      return EncodeMembers(value, type, w, ctx);
    }
    case TypeKind::kDynamic:
      break;  // a known value always has a concrete type; handled above
  }
  return ctx.Error("cannot encode a value of type " + type.FriendlyName());
}

}  // namespace

Result<std::string> EncodeJson(const Value& value, const Type& type) {
  JsonWriter w;
  Context ctx;
  if (Status s = Encode(value, type, w, ctx); !s.ok()) return s;
  return w.Take();
}

}  // namespace tfplugin::cty
