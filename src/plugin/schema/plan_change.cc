#include "plugin/schema/walk.h"

namespace tfplugin::schema {
namespace {

class Planner {
 public:
  Planner(bool creating, bool changed, PlannedChange& out)
      : creating_(creating), changed_(changed), out_(out) {}

  cty::Value Object(const std::vector<Attribute>& attributes,
                    const std::vector<NestedBlock>& blocks, const cty::Value& config,
                    const cty::Value& state, const cty::Value& proposed,
                    const AttributePath& path) {
    if (!proposed.is_known() || proposed.is_null()) return proposed;
    cty::Value::Attributes planned = proposed.AsAttributes();
    for (const auto& a : attributes) {
      planned[a.name] = Attr(a, config.GetAttr(a.name), state.GetAttr(a.name),
                             proposed.GetAttr(a.name), path.Attribute(a.name));
    }
    for (const auto& b : blocks) {
      planned[b.type_name] = Nested(b.nesting, b.block->attributes, b.block->blocks,
                                    config.GetAttr(b.type_name), state.GetAttr(b.type_name),
                                    proposed.GetAttr(b.type_name), path.Attribute(b.type_name));
    }
    return cty::Value::ObjectOfType(proposed.type(), std::move(planned));
  }

 private:
  cty::Value Attr(const Attribute& a, const cty::Value& config, const cty::Value& state,
                  cty::Value plan, const AttributePath& path) {
    if (a.nested) {
      plan = Nested(a.nested->nesting, a.nested->attributes, {}, config, state, plan, path);
    }
    if (a.write_only) {
      plan = cty::Value::Null(plan.type());
    } else if (config.is_null() && a.default_value) {
      plan = *a.default_value;
    } else if (config.is_null() && a.computed && changed_) {
      plan = cty::Value::Unknown(a.ValueType());
    }
    PlanModifierRequest req{path, config, state, creating_, false};
    for (const auto& m : a.plan_modifiers) {
      PlanModifierResponse resp{plan, false, {}};
      m.modify(req, resp);
      plan = std::move(resp.plan);
      out_.diagnostics.Append(resp.diagnostics);
      if (resp.requires_replace) out_.requires_replace.push_back(path);
    }
    return plan;
  }

  // Plans the objects inside a nested attribute or block, pairing each with
  // its counterpart in config and state: list elements by index, map
  // elements by key, set elements by value (server.h, rule 4a).
  cty::Value Nested(Nesting nesting, const std::vector<Attribute>& attributes,
                    const std::vector<NestedBlock>& blocks, const cty::Value& config,
                    const cty::Value& state, const cty::Value& proposed,
                    const AttributePath& path) {
    if (!proposed.is_known() || proposed.is_null()) return proposed;
    auto at = [](const cty::Value& v, size_t i) {
      if (!v.is_known() || v.is_null() || i >= v.Length())
        return cty::Value::Null(cty::Type::Dynamic());
      return v.AsElements()[i];
    };
    switch (nesting) {
      case Nesting::kSingle:
        return Object(attributes, blocks, config, state, proposed, path);
      case Nesting::kList: {
        cty::Value::Elements out;
        const auto& elements = proposed.AsElements();
        for (size_t i = 0; i < elements.size(); ++i) {
          out.push_back(Object(attributes, blocks, at(config, i), at(state, i), elements[i],
                               path.ElementIndex(static_cast<int64_t>(i))));
        }
        return cty::Value::List(proposed.type().element(), std::move(out));
      }
      case Nesting::kSet: {
        cty::Value::Elements out;
        const auto& elements = proposed.AsElements();
        std::vector<bool> config_used(Known(config) ? config.Length() : 0, false);
        for (size_t i = 0; i < elements.size(); ++i) {
          const cty::Value& e = elements[i];
          cty::Value prior = EqualElement(state, e);
          // An element equal to a prior one is that element, unchanged: it
          // keeps its prior state (nothing in it becomes unknown).
          bool saved = changed_;
          if (!prior.is_null()) changed_ = false;
          out.push_back(Object(attributes, blocks, ConfigElement(config, e, config_used), prior, e,
                               path.ElementIndex(static_cast<int64_t>(i))));
          changed_ = saved;
        }
        return cty::Value::Set(proposed.type().element(), std::move(out));
      }
      case Nesting::kMap: {
        cty::Value::Attributes out;
        for (const auto& [key, e] : proposed.AsAttributes()) {
          out[key] = Object(attributes, blocks, config.is_known() ? config.GetAttr(key) : config,
                            state.is_known() ? state.GetAttr(key) : state, e, path.ElementKey(key));
        }
        return cty::Value::Map(proposed.type().element(), std::move(out));
      }
    }
    return proposed;
  }

  static bool Known(const cty::Value& v) { return v.is_known() && !v.is_null(); }

  // The element of the set `prior` equal to `element`, or null.
  static cty::Value EqualElement(const cty::Value& prior, const cty::Value& element) {
    if (Known(prior)) {
      for (const auto& p : prior.AsElements()) {
        if (p == element) return p;
      }
    }
    return cty::Value::Null(cty::Type::Dynamic());
  }

  // The configuration element `element` was proposed from: the first unused
  // one whose every known, non-null attribute equals the element's (core
  // proposes each configured set element, completed with computed values),
  // else the first unused one.
  static cty::Value ConfigElement(const cty::Value& config, const cty::Value& element,
                                  std::vector<bool>& used) {
    if (!Known(config) || !Known(element)) return cty::Value::Null(cty::Type::Dynamic());
    const auto& candidates = config.AsElements();
    for (size_t i = 0; i < candidates.size(); ++i) {
      if (used[i] || !Known(candidates[i])) continue;
      bool matches = true;
      for (const auto& [name, value] : candidates[i].AsAttributes()) {
        if (value.is_known() && !value.is_null() && value != element.GetAttr(name)) {
          matches = false;
          break;
        }
      }
      if (matches) {
        used[i] = true;
        return candidates[i];
      }
    }
    for (size_t i = 0; i < candidates.size(); ++i) {  // none matches: the first unused
      if (!used[i]) {
        used[i] = true;
        return candidates[i];
      }
    }
    return cty::Value::Null(cty::Type::Dynamic());
  }

  bool creating_;
  bool changed_;
  PlannedChange& out_;
};

}  // namespace

PlannedChange PlanChange(const Block& block, const cty::Value& config, const cty::Value& state,
                         const cty::Value& proposed) {
  PlannedChange out;
  bool creating = state.is_null();
  Planner planner(creating, creating || proposed != state, out);
  out.planned = planner.Object(block.attributes, block.blocks, config, state, proposed, {});
  return out;
}

cty::Value NullWriteOnly(const Block& block, const cty::Value& value) {
  if (!value.is_known() || value.is_null()) return value;
  bool any = false;
  for (const auto& a : block.attributes) any = any || a.write_only;
  if (!any) return value;
  cty::Value::Attributes attrs = value.AsAttributes();
  for (const auto& a : block.attributes) {
    if (a.write_only) attrs[a.name] = cty::Value::Null(a.ValueType());
  }
  return cty::Value::ObjectOfType(value.type(), std::move(attrs));
}

}  // namespace tfplugin::schema
