// json_internal::SkipValue (json_decode.h).
#include <simdjson.h>

#include "plugin/cty/json_decode.h"
#include "plugin/cty/json_scalar.h"

namespace tfplugin::cty::json_internal {

namespace od = simdjson::ondemand;

Status SkipValue(od::value& node, Context& ctx) {
  od::json_type jt;
  if (auto e = node.type().get(jt)) return SyntaxError(ctx, e);
  switch (jt) {
    case od::json_type::array: {
      DepthGuard depth(ctx);
      if (!depth.ok()) return depth.status();
      od::array arr;
      if (auto e = node.get_array().get(arr)) return SyntaxError(ctx, e);
      for (auto item : arr) {
        od::value v;
        if (auto e = item.get(v)) return SyntaxError(ctx, e);
        if (Status s = SkipValue(v, ctx); !s.ok()) return s;
      }
      return Status::Ok();
    }
    case od::json_type::object: {
      DepthGuard depth(ctx);
      if (!depth.ok()) return depth.status();
      od::object obj;
      if (auto e = node.get_object().get(obj)) return SyntaxError(ctx, e);
      for (auto field : obj) {
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return SyntaxError(ctx, e);
        od::value v;
        if (auto e = field.value().get(v)) return SyntaxError(ctx, e);
        if (Status s = SkipValue(v, ctx); !s.ok()) return s;
      }
      return Status::Ok();
    }
    case od::json_type::number:
      return NumberText(node, ctx).status();
    case od::json_type::string: {
      std::string_view s;
      if (auto e = node.get_string().get(s)) return SyntaxError(ctx, e);
      return Status::Ok();
    }
    case od::json_type::boolean:
      return ReadBool(node, ctx).status();
    case od::json_type::null:
      return CheckNull(node, ctx);
  }
  return ctx.Error("invalid JSON");
}

}  // namespace tfplugin::cty::json_internal
