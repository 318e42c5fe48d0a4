#include "plugin/schema/walk.h"

namespace tfplugin::schema {
namespace {

void ValidateObject(const std::vector<Attribute>& attributes,
                    const std::vector<NestedBlock>& blocks, const cty::Value& object,
                    const AttributePath& path, Diagnostics& diags);

// Calls `each` for every known element of a nested collection value.
template <typename F>
void ForEachElement(Nesting nesting, const cty::Value& v, const AttributePath& path, F each) {
  if (!v.is_known() || v.is_null()) return;
  switch (nesting) {
    case Nesting::kSingle:
      each(v, path);
      break;
    case Nesting::kList:
    case Nesting::kSet: {
      int64_t i = 0;
      for (const auto& e : v.AsElements()) each(e, path.ElementIndex(i++));
      break;
    }
    case Nesting::kMap:
      for (const auto& [k, e] : v.AsAttributes()) each(e, path.ElementKey(k));
      break;
  }
}

void ValidateAttribute(const Attribute& a, const cty::Value& v, const AttributePath& path,
                       Diagnostics& diags) {
  if (!v.is_known() || v.is_null()) return;
  for (const auto& validator : a.validators) validator.check(v, path, diags);
  if (a.nested) {
    ForEachElement(a.nested->nesting, v, path, [&](const cty::Value& e, const AttributePath& p) {
      ValidateObject(a.nested->attributes, {}, e, p, diags);
    });
  }
}

void ValidateObject(const std::vector<Attribute>& attributes,
                    const std::vector<NestedBlock>& blocks, const cty::Value& object,
                    const AttributePath& path, Diagnostics& diags) {
  if (!object.is_known() || object.is_null()) return;
  for (const auto& a : attributes) {
    ValidateAttribute(a, object.GetAttr(a.name), path.Attribute(a.name), diags);
  }
  for (const auto& b : blocks) {
    cty::Value v = object.GetAttr(b.type_name);
    AttributePath p = path.Attribute(b.type_name);
    if (v.is_known() && !v.is_null() && b.nesting != Nesting::kSingle) {
      auto n = static_cast<int64_t>(v.Length());
      if (n < b.min_items || (b.max_items > 0 && n > b.max_items)) {
        diags.AddError("Wrong number of \"" + b.type_name + "\" blocks",
                       "Found " + std::to_string(n) + "; expected " +
                           (b.max_items > 0
                                ? std::to_string(b.min_items) + " to " + std::to_string(b.max_items)
                                : "at least " + std::to_string(b.min_items)) +
                           ".",
                       p);
      }
    }
    ForEachElement(b.nesting, v, p, [&](const cty::Value& e, const AttributePath& ep) {
      ValidateObject(b.block->attributes, b.block->blocks, e, ep, diags);
    });
  }
}

}  // namespace

void ValidateConfig(const Block& block, const cty::Value& config, Diagnostics& diags) {
  ValidateObject(block.attributes, block.blocks, config, {}, diags);
  if (!config.is_known() || config.is_null()) return;
  for (const auto& v : block.validators) v.check(config, diags);
}

std::optional<AttributePath> FindUnknown(const cty::Value& value, const AttributePath& at) {
  if (!value.is_known()) return at;
  if (value.is_null()) return std::nullopt;
  switch (value.type().kind()) {
    case cty::TypeKind::kList:
    case cty::TypeKind::kSet:
    case cty::TypeKind::kTuple: {
      int64_t i = 0;
      for (const auto& e : value.AsElements()) {
        if (auto p = FindUnknown(e, at.ElementIndex(i++))) return p;
      }
      return std::nullopt;
    }
    case cty::TypeKind::kMap:
      for (const auto& [k, e] : value.AsAttributes()) {
        if (auto p = FindUnknown(e, at.ElementKey(k))) return p;
      }
      return std::nullopt;
    case cty::TypeKind::kObject:
      for (const auto& [k, e] : value.AsAttributes()) {
        if (auto p = FindUnknown(e, at.Attribute(k))) return p;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace tfplugin::schema
