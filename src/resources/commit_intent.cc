#include "resources/commit_intent.h"

#include "plugin/values.h"
#include "resources/framework.h"
#include "resources/vm_commit.h"

namespace vers::resources {

std::string CommitIntent(const cty::Value& plan, const std::string& vm_id) {
  std::string key = "vers_vm_commit";
  auto part = [&key](const std::string& s) { key += "\n" + std::to_string(s.size()) + ":" + s; };
  part(vm_id);
  part(values::Get(plan, kCommit.keep_paused).value_or(false) ? "paused" : "running");
  for (const auto* attr : {&kCommit.name, &kCommit.description}) {
    auto v = values::Get(plan, *attr);
    part(v ? "=" + *v : "null");
  }
  for (const auto& [k, v] : values::Get(plan, kCommit.triggers).value_or(schema::StringMap{})) {
    part(k);
    part(v);
  }
  return key;
}

}  // namespace vers::resources
