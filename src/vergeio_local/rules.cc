#include "vergeio_local/rules.h"

#include <charconv>
#include <string>

namespace vers::vergeio {
namespace {

using Table = std::map<int64_t, Row>;

const Table& TableOf(const State& s, std::string_view name) {
  static const Table kEmpty;
  auto it = s.tables.find(name);
  return it == s.tables.end() ? kEmpty : it->second;
}

const Row* FindRow(const State& s, std::string_view table, int64_t key) {
  const Table& t = TableOf(s, table);
  auto it = t.find(key);
  return it == t.end() ? nullptr : &it->second;
}

// Whether another row of `table` than `row` has the same values of `fields`.
bool Duplicate(const State& s, std::string_view table, const Row& row,
               std::initializer_list<std::string_view> fields) {
  for (const auto& [key, other] : TableOf(s, table)) {
    if (key == row.key) continue;
    bool same = true;
    for (auto f : fields) same = same && RowValue(other, f) == RowValue(row, f);
    if (same) return true;
  }
  return false;
}

Status NeedName(const Row& row) {
  if (StringField(row, "name").empty()) return Status::Error("field name must not be empty");
  return Status::Ok();
}

Status CheckVm(const State& s, const Row& row) {
  if (Status st = NeedName(row); !st.ok()) return st;
  if (IntField(row, "cpu_cores") < 1) return Status::Error("cpu_cores must be at least 1");
  if (IntField(row, "ram") < 1) return Status::Error("ram must be at least 1 (MB)");
  // Snapshot VMs carry their VM's name, so names are unique among VMs only.
  if (BoolField(row, "is_snapshot")) return Status::Ok();
  for (const auto& [key, other] : TableOf(s, kVms))
    if (key != row.key && !BoolField(other, "is_snapshot") &&
        StringField(other, "name") == StringField(row, "name"))
      return Status::Conflict("a VM named '" + StringField(row, "name") + "' already exists");
  return Status::Ok();
}

Status CheckSnapshot(const State& s, const Row& row) {
  int64_t machine = IntField(row, "machine");
  if (!s.machines.contains(machine))
    return Status::Error("no such machine " + std::to_string(machine));
  if (Status st = NeedName(row); !st.ok()) return st;
  if (IntField(row, "expires") < 0) return Status::Error("expires must be >= 0");
  return Status::Ok();
}

Status CheckCategory(const State& s, const Row& row) {
  if (Status st = NeedName(row); !st.ok()) return st;
  if (Duplicate(s, kCategories, row, {"name"}))
    return Status::Conflict("a tag category named '" + StringField(row, "name") +
                            "' already exists");
  return Status::Ok();
}

Status CheckTag(const State& s, const Row& row) {
  int64_t category = IntField(row, "category");
  if (!FindRow(s, kCategories, category))
    return Status::Error("no such tag category " + std::to_string(category));
  if (Status st = NeedName(row); !st.ok()) return st;
  if (Duplicate(s, kTags, row, {"category", "name"}))
    return Status::Conflict("tag category " + std::to_string(category) + " already has a tag '" +
                            StringField(row, "name") + "'");
  return Status::Ok();
}

Status CheckMember(const State& s, const Row& row) {
  int64_t tag_key = IntField(row, "tag");
  const Row* tag = FindRow(s, kTags, tag_key);
  if (!tag) return Status::Error("no such tag " + std::to_string(tag_key));
  std::string member = StringField(row, "member");
  int64_t vm = MemberVmKey(member);
  if (vm < 0) return Status::Error("member must be 'vms/<vm key>', got '" + member + "'");
  if (!FindRow(s, kVms, vm)) return Status::Error("no such vm " + std::to_string(vm));
  const Row* category = FindRow(s, kCategories, IntField(*tag, "category"));
  if (!category || !BoolField(*category, "taggable_vms"))
    return Status::Error("the category of tag " + std::to_string(tag_key) +
                         " does not allow VMs (taggable_vms is false)");
  if (Duplicate(s, kTagMembers, row, {"tag", "member"}))
    return Status::Conflict(member + " already has tag " + std::to_string(tag_key));
  return Status::Ok();
}

// Erases the rows of `table` for which `pred` holds, with their dependents.
template <typename Pred>
void RemoveWhere(State& s, std::string_view table, Pred pred) {
  std::vector<int64_t> doomed;
  for (const auto& [key, row] : TableOf(s, table))
    if (pred(row)) doomed.push_back(key);
  for (int64_t key : doomed) RemoveRow(s, table, key);
}

}  // namespace

int64_t MemberVmKey(std::string_view member) {
  constexpr std::string_view kPrefix = "vms/";
  if (!member.starts_with(kPrefix)) return -1;
  std::string_view digits = member.substr(kPrefix.size());
  int64_t key = -1;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), key);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size()) return -1;
  return key < 0 ? -1 : key;
}

Status CheckRow(const State& s, std::string_view table, const Row& row) {
  if (table == kVms) return CheckVm(s, row);
  if (table == kSnapshots) return CheckSnapshot(s, row);
  if (table == kCategories) return CheckCategory(s, row);
  if (table == kTags) return CheckTag(s, row);
  if (table == kTagMembers) return CheckMember(s, row);
  return Status::Ok();
}

Status CheckDelete(const State& s, std::string_view table, int64_t key) {
  if (table != kCategories) return Status::Ok();
  for (const auto& [tag_key, tag] : TableOf(s, kTags))
    if (IntField(tag, "category") == key)
      return Status::Conflict("tag category " + std::to_string(key) + " still has tags");
  return Status::Ok();
}

void RemoveRow(State& s, std::string_view table, int64_t key) {
  auto t = s.tables.find(table);
  if (t == s.tables.end()) return;
  auto it = t->second.find(key);
  if (it == t->second.end()) return;
  Row row = std::move(it->second);
  t->second.erase(it);
  if (table == kVms) {
    int64_t machine = IntField(row, "machine");
    s.machines.erase(machine);
    // Its snapshots, and (for a snapshot VM) the snapshot it stands for.
    RemoveWhere(s, kSnapshots, [&](const Row& r) {
      return IntField(r, "machine") == machine || IntField(r, "snap_machine") == machine;
    });
    RemoveWhere(s, kTagMembers,
                [&](const Row& r) { return MemberVmKey(StringField(r, "member")) == key; });
  } else if (table == kSnapshots) {
    int64_t snap_machine = IntField(row, "snap_machine");
    RemoveWhere(s, kVms, [&](const Row& r) {
      return BoolField(r, "is_snapshot") && IntField(r, "machine") == snap_machine;
    });
  } else if (table == kTags) {
    RemoveWhere(s, kTagMembers, [&](const Row& r) { return IntField(r, "tag") == key; });
  }
}

}  // namespace vers::vergeio
