#include "vergeio_local/schema.h"

#include <algorithm>

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
FieldSpec InputOnly(FieldSpec f) {
  f.input_only = true;
  return f;
}
FieldSpec Summary(FieldSpec f) {
  f.summary = true;
  return f;
}

// Field names and types follow the rows the public sources show: vms from
// verge-io/docs api-guide.md and api-vm-power-management.md (need_restart,
// is_snapshot) and verge-io/ansible-collection-vergeos
// tests/fixtures/api/vms.json; machine_status from api-vm-power-management.md
// (no need_restart there); machine_snapshots from pyVergeOS snapshots.py and
// PSVergeOS Get-VergeVMSnapshot.ps1 / New-VergeVMSnapshot.ps1 (`quiesce` is
// what a POST sends, `quiesced` what a GET reads).
std::vector<TableSpec> MakeTables() {
  std::vector<TableSpec> t;
  t.push_back(
      {std::string(kVms),
       {Summary(Required(Str("name"))), ReadOnly(Int("machine")), Str("description"),
        Int("cpu_cores", 1), Int("ram", 1024), Str("cpu_type", "qemu64"), Str("advanced"),
        ReadOnly(Bool("is_snapshot")), ReadOnly(Bool("need_restart")), ReadOnly(Int("created"))}});
  t.push_back({std::string(kMachineStatus),
               {ReadOnly(Int("machine")), ReadOnly(Bool("running")),
                Summary(ReadOnly(Str("status", "stopped")))},
               /*writable=*/false});
  t.push_back(
      {std::string(kSnapshots),
       {Required(Int("machine")), Summary(Required(Str("name"))), Str("description"),
        Int("expires"), InputOnly(Bool("quiesce")), ReadOnly(Bool("quiesced")),
        Bool("created_manually"), ReadOnly(Int("snap_machine")), ReadOnly(Int("created"))}});
  t.push_back({std::string(kCategories),
               {Summary(Required(Str("name"))), Str("description"), Bool("taggable_vms"),
                Bool("single_tag_selection")}});
  t.push_back({std::string(kTags),
               {Summary(Required(Str("name"))), Required(Int("category")), Str("description")}});
  t.push_back({std::string(kTagMembers),
               {Summary(Required(Int("tag"))), Summary(Required(Str("member")))}});
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
  if (!f || f->input_only) return false;
  *type = f->type;
  return true;
}

TableSpec TableSpec::Without(const std::vector<std::string>& hidden) const {
  TableSpec t = *this;
  std::erase_if(t.fields, [&hidden](const FieldSpec& f) {
    return std::find(hidden.begin(), hidden.end(), f.name) != hidden.end();
  });
  return t;
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
