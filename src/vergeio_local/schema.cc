#include "vergeio_local/schema.h"

namespace vers::vergeio {
namespace {

FieldSpec Str(std::string name, std::string fallback = "") {
  return {std::move(name), FieldType::kString, Value(std::move(fallback))};
}
FieldSpec Int(std::string name, int64_t fallback = 0) {
  return {std::move(name), FieldType::kInt, Value(fallback)};
}
FieldSpec Bool(std::string name, bool fallback = false) {
  return {std::move(name), FieldType::kBool, Value(fallback)};
}
FieldSpec Required(FieldSpec f) {
  f.required = true;
  return f;
}
FieldSpec ReadOnly(FieldSpec f) {
  f.read_only = true;
  return f;
}

std::vector<TableSpec> MakeTables() {
  std::vector<TableSpec> t;
  t.push_back(
      {std::string(kVms),
       {Required(Str("name")), ReadOnly(Int("machine")), Str("description"), Int("cpu_cores", 1),
        Int("ram", 1024), Str("cpu_type", "qemu64"), Str("advanced"), ReadOnly(Int("created"))}});
  t.push_back({std::string(kMachineStatus),
               {ReadOnly(Int("machine")), ReadOnly(Bool("running")),
                ReadOnly(Str("status", "stopped")), ReadOnly(Bool("need_restart"))},
               /*writable=*/false});
  t.push_back({std::string(kSnapshots),
               {Required(Int("machine")), Required(Str("name")), Str("description"), Int("expires"),
                Bool("quiesce"), ReadOnly(Int("created"))}});
  t.push_back({std::string(kCategories),
               {Required(Str("name")), Str("description"), Bool("taggable_vms"),
                Bool("single_tag_selection")}});
  t.push_back(
      {std::string(kTags), {Required(Str("name")), Required(Int("category")), Str("description")}});
  t.push_back({std::string(kTagMembers), {Required(Int("tag")), Required(Str("member"))}});
  return t;
}

const std::vector<TableSpec>& Tables() {
  static const std::vector<TableSpec> tables = MakeTables();
  return tables;
}

}  // namespace

const FieldSpec* TableSpec::Find(std::string_view field) const {
  for (const auto& f : fields)
    if (f.name == field) return &f;
  return nullptr;
}

bool TableSpec::TypeOf(std::string_view field, FieldType* type) const {
  if (field == kKeyField) {
    *type = FieldType::kInt;
    return true;
  }
  const FieldSpec* f = Find(field);
  if (f) *type = f->type;
  return f != nullptr;
}

const TableSpec* FindTable(std::string_view name) {
  for (const auto& t : Tables())
    if (t.name == name) return &t;
  return nullptr;
}

const std::vector<std::string>& StoredTables() {
  static const std::vector<std::string> names = {std::string(kVms), std::string(kSnapshots),
                                                 std::string(kCategories), std::string(kTags),
                                                 std::string(kTagMembers)};
  return names;
}

}  // namespace vers::vergeio
