#include "resources/commit_intent.h"

#include "plugin/values.h"

namespace vers::resources {

std::string CommitIntent(const cty::Value& plan, const std::string& vm_id) {
  std::string key = "vers_vm_commit";
  auto part = [&key](const std::string& s) { key += "\n" + std::to_string(s.size()) + ":" + s; };
  part(vm_id);
  part(values::Bool(plan, "keep_paused").value_or(false) ? "paused" : "running");
  for (const char* attr : {"name", "description"}) {
    auto v = values::String(plan, attr);
    part(v ? "=" + *v : "null");
  }
  for (const auto& [k, v] : values::StringMap(plan, "triggers")) {  // ordered by key
    part(k);
    part(v);
  }
  return key;
}

}  // namespace vers::resources
