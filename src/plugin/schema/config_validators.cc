#include "plugin/schema/config_validators.h"

namespace tfplugin::schema {
namespace {

// "a", "a and b", "a, b and c" (with `last` for the final joiner).
std::string JoinNames(const std::vector<std::string>& names, const std::string& last = " and ") {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : i + 1 == names.size() ? last : ", ") + names[i];
  return out;
}

std::vector<std::string> Names(const std::vector<AttrRef>& attrs) {
  std::vector<std::string> out;
  for (const auto& a : attrs) out.push_back(a.name);
  return out;
}

// Unknown counts as set: it will be known, and not null, or else the
// configuration would say null.
bool IsSet(const cty::Value& config, const std::string& name) {
  return !config.GetAttr(name).is_null();
}

std::vector<std::string> SetAmong(const cty::Value& config, const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names)
    if (IsSet(config, n)) out.push_back(n);
  return out;
}

std::string Why(const std::string& why) { return why.empty() ? "" : " " + why; }

std::string Quoted(const std::vector<std::string>& names, const std::string& last) {
  std::vector<std::string> q;
  for (const auto& n : names) q.push_back("`" + n + "`");
  return JoinNames(q, last);
}

}  // namespace

ConfigValidator ExactlyOneOf(std::vector<AttrRef> attrs, std::string why) {
  std::vector<std::string> names = Names(attrs);
  return {"Exactly one of " + Quoted(names, " or ") + " must be set.",
          [names, why](const cty::Value& config, Diagnostics& diags) {
            std::vector<std::string> set = SetAmong(config, names);
            if (set.size() == 1) return;
            if (set.empty()) {
              diags.AddError(
                  "Missing argument",
                  "Set exactly one of " + JoinNames(names, " or ") + "; none is set." + Why(why),
                  AttributePath::Root(names.front()));
            } else {
              diags.AddError("Conflicting arguments",
                             JoinNames(set) + (set.size() == 2 ? " are both set" : " are all set") +
                                 "; set exactly one of " + JoinNames(names, " or ") + "." +
                                 Why(why),
                             AttributePath::Root(set[1]));
            }
          }};
}

ConfigValidator AtLeastOneOf(std::vector<AttrRef> attrs, std::string why) {
  std::vector<std::string> names = Names(attrs);
  return {"At least one of " + Quoted(names, " or ") + " must be set.",
          [names, why](const cty::Value& config, Diagnostics& diags) {
            if (!SetAmong(config, names).empty()) return;
            diags.AddError(
                "Missing argument",
                "Set at least one of " + JoinNames(names, " or ") + "; none is set." + Why(why),
                AttributePath::Root(names.front()));
          }};
}

ConfigValidator ConflictsWith(AttrRef attr, std::vector<AttrRef> others, std::string why) {
  std::vector<std::string> names = Names(others);
  std::string name = attr.name;
  return {"`" + name + "` cannot be set with " + Quoted(names, " or ") + ".",
          [name, names, why](const cty::Value& config, Diagnostics& diags) {
            if (!IsSet(config, name)) return;
            std::vector<std::string> set = SetAmong(config, names);
            if (set.empty()) return;
            diags.AddError("Conflicting arguments",
                           name + " cannot be set together with " + JoinNames(set) +
                               ": remove one of them." + Why(why),
                           AttributePath::Root(name));
          }};
}

ConfigValidator AlsoRequires(AttrRef attr, std::vector<AttrRef> others, std::string why) {
  std::vector<std::string> names = Names(others);
  std::string name = attr.name;
  return {"`" + name + "` needs " + Quoted(names, " and ") + " to be set too.",
          [name, names, why](const cty::Value& config, Diagnostics& diags) {
            if (!IsSet(config, name)) return;
            std::vector<std::string> missing;
            for (const auto& n : names)
              if (!IsSet(config, n)) missing.push_back(n);
            if (missing.empty()) return;
            diags.AddError("Missing argument",
                           name + " needs " + JoinNames(missing) + " to be set too; set " +
                               JoinNames(missing) + " or remove " + name + "." + Why(why),
                           AttributePath::Root(name));
          }};
}

}  // namespace tfplugin::schema
