#include "vergeio_local/database.h"

#include <ctime>

#include "vergeio_local/machines.h"
#include "vergeio_local/rules.h"

namespace vers::vergeio {
namespace {

Status NoSuchRow(std::string_view table, int64_t key) {
  return Status::NotFound("no such " + std::string(table) + " row " + std::to_string(key));
}

Status NotStored(std::string_view table) {
  if (FindTable(table)) return Status::Error(std::string(table) + " is read-only");
  return Status::NotFound("no such table " + std::string(table));
}

std::vector<Row> AllRows(const State& s, std::string_view table) {
  if (table == kMachineStatus) return MachineStatusRows(s);
  std::vector<Row> rows;
  auto t = s.tables.find(table);
  if (t != s.tables.end())
    for (const auto& [key, row] : t->second)
      rows.push_back(table == kVms ? WithNeedRestart(s, row) : row);
  return rows;
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::string& dir) {
  auto state = LoadState(dir);
  if (!state.ok()) return state.status();
  if (Status st = SaveState(dir, state.value()); !st.ok()) return st;
  return std::make_unique<Database>(OpenKey(), dir, std::move(state).value());
}

template <typename Change>
Status Database::Commit(Change change) {
  State next = state_;
  if (Status st = change(next); !st.ok()) return st;
  if (Status st = SaveState(dir_, next); !st.ok()) return st;
  state_ = std::move(next);
  return Status::Ok();
}

Result<std::vector<Row>> Database::List(std::string_view table, const Filter& filter,
                                        std::optional<int64_t> limit) const {
  if (!FindTable(table)) return NotStored(table);
  base::MutexLock lock(mu_);
  std::vector<Row> out;
  for (auto& row : AllRows(state_, table)) {
    if (limit && static_cast<int64_t>(out.size()) >= *limit) break;
    if (filter.Matches(row)) out.push_back(std::move(row));
  }
  return out;
}

Result<Row> Database::Get(std::string_view table, int64_t key) const {
  if (!FindTable(table)) return NotStored(table);
  base::MutexLock lock(mu_);
  for (auto& row : AllRows(state_, table))
    if (row.key == key) return std::move(row);
  return NoSuchRow(table, key);
}

TableSpec Database::Visible(const TableSpec& table) const {
  base::MutexLock lock(mu_);
  auto it = hidden_.find(table.name);
  return it == hidden_.end() ? table : table.Without(it->second);
}

Status Database::SetHidden(std::map<std::string, std::vector<std::string>> hidden) {
  for (const auto& [table, fields] : hidden) {
    const TableSpec* spec = FindTable(table);
    if (!spec) return Status::Error("no such table " + table);
    for (const auto& f : fields)
      if (!spec->Find(f)) return Status::Error("table " + table + " has no field " + f);
  }
  base::MutexLock lock(mu_);
  hidden_ = std::move(hidden);
  return Status::Ok();
}

std::map<std::string, std::vector<std::string>> Database::Hidden() const {
  base::MutexLock lock(mu_);
  return hidden_;
}

Result<Row> Database::Create(std::string_view table, Fields fields) {
  const TableSpec* spec = FindTable(table);
  if (!spec || !spec->writable) return NotStored(table);
  // VergeOS words it so (verge-io/ansible-collection-vergeos
  // docs/repro/measured-action-probe.json: "field 'vm_actions.vm' is required").
  for (const auto& f : spec->fields)
    if (f.required && !fields.contains(f.name))
      return Status::Error("field '" + std::string(table) + "." + f.name + "' is required");
  base::MutexLock lock(mu_);
  Row created;
  Status st = Commit([&](State& s) {
    Row row{TakeKey(s, table), std::move(fields)};
    std::optional<Value> quiesce;
    if (auto q = row.fields.find("quiesce"); q != row.fields.end()) {
      quiesce = q->second;  // an input only: what VergeIO did reads as `quiesced`
      row.fields.erase(q);
    }
    ApplyDefaults(*spec, row.fields);
    int64_t now = std::time(nullptr);
    if (table == kVms) AttachNewMachine(s, row, now);
    if (Status check = CheckRow(s, table, row); !check.ok()) return check;
    if (table == kSnapshots) {
      row.fields["created"] = Value(now);
      if (quiesce) row.fields["quiesced"] = *quiesce;
      if (Status st = AttachSnapshotVm(s, row, now); !st.ok()) return st;
    }
    created = row;
    s.tables[std::string(table)][row.key] = std::move(row);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return created;
}

Result<Row> Database::Update(std::string_view table, int64_t key, const Fields& changes) {
  const TableSpec* spec = FindTable(table);
  if (!spec || !spec->writable) return NotStored(table);
  base::MutexLock lock(mu_);
  Row updated;
  Status st = Commit([&](State& s) {
    auto& rows = s.tables[std::string(table)];
    auto it = rows.find(key);
    if (it == rows.end()) return NoSuchRow(table, key);
    Row row = it->second;
    for (const auto& [name, value] : changes) row.fields[name] = value;
    if (Status check = CheckRow(s, table, row); !check.ok()) return check;
    if (table == kVms) NoteVmUpdate(s, it->second, row);
    updated = table == kVms ? WithNeedRestart(s, row) : row;
    it->second = std::move(row);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return updated;
}

Status Database::Delete(std::string_view table, int64_t key) {
  const TableSpec* spec = FindTable(table);
  if (!spec || !spec->writable) return NotStored(table);
  base::MutexLock lock(mu_);
  return Commit([&](State& s) {
    auto t = s.tables.find(table);
    if (t == s.tables.end() || !t->second.contains(key)) return NoSuchRow(table, key);
    if (Status check = CheckDelete(s, table, key); !check.ok()) return check;
    RemoveRow(s, table, key);
    return Status::Ok();
  });
}

Result<int64_t> Database::VmAction(int64_t vm, std::string_view action) {
  base::MutexLock lock(mu_);
  int64_t key = 0;
  Status st = Commit([&](State& s) {
    if (Status applied = ApplyVmAction(s, vm, action); !applied.ok()) return applied;
    key = TakeKey(s, kActionCounter);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return key;
}

std::map<std::string, int64_t> Database::RowCounts() const {
  base::MutexLock lock(mu_);
  std::map<std::string, int64_t> counts;
  for (const auto& [name, rows] : state_.tables) counts[name] = static_cast<int64_t>(rows.size());
  return counts;
}

}  // namespace vers::vergeio
