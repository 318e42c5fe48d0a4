#include "vergeio_local/machines.h"

#include <string>

namespace vers::vergeio {

void AttachNewMachine(State& s, Row& vm, int64_t now) {
  int64_t machine = TakeKey(s, kMachineCounter);
  s.machines[machine] = MachineState{};
  vm.fields["machine"] = Value(machine);
  vm.fields["created"] = Value(now);
}

Status AttachSnapshotVm(State& s, Row& snapshot, int64_t now) {
  int64_t machine = IntField(snapshot, "machine");
  const Row* source = nullptr;
  for (const auto& [key, vm] : s.tables[std::string(kVms)])
    if (IntField(vm, "machine") == machine) source = &vm;
  if (!source) return Status::Error("no such machine " + std::to_string(machine));
  Row vm{TakeKey(s, kVms), source->fields};
  int64_t snap_machine = TakeKey(s, kMachineCounter);
  s.machines[snap_machine] = MachineState{.running = false, .need_restart = false};
  vm.fields["machine"] = Value(snap_machine);
  vm.fields["is_snapshot"] = Value(true);
  vm.fields["created"] = Value(now);
  snapshot.fields["snap_machine"] = Value(snap_machine);
  s.tables[std::string(kVms)][vm.key] = std::move(vm);
  return Status::Ok();
}

Row WithNeedRestart(const State& s, Row vm) {
  auto m = s.machines.find(IntField(vm, "machine"));
  vm.fields["need_restart"] = Value(m != s.machines.end() && m->second.need_restart);
  return vm;
}

void NoteVmUpdate(State& s, const Row& before, const Row& after) {
  auto m = s.machines.find(IntField(after, "machine"));
  if (m == s.machines.end() || !m->second.running) return;
  for (std::string_view f : {"cpu_cores", "ram", "cpu_type"})
    if (RowValue(before, f) != RowValue(after, f)) m->second.need_restart = true;
}

Status ApplyVmAction(State& s, int64_t vm, std::string_view action) {
  const Row* row = nullptr;
  if (auto vms = s.tables.find(kVms); vms != s.tables.end()) {
    auto it = vms->second.find(vm);
    if (it != vms->second.end()) row = &it->second;
  }
  if (!row) return Status::Error("no such vm " + std::to_string(vm));
  auto m = s.machines.find(IntField(*row, "machine"));
  if (m == s.machines.end()) return Status::Error("vm " + std::to_string(vm) + " has no machine");
  MachineState& state = m->second;
  if (action == "poweron") {
    state.running = true;
    state.need_restart = false;
  } else if (action == "poweroff") {
    state.running = false;
  } else if (action == "reset") {
    state.need_restart = false;
  } else {
    return Status::Error("unknown action '" + std::string(action) +
                         "' (poweron, poweroff and reset are supported)");
  }
  return Status::Ok();
}

std::vector<Row> MachineStatusRows(const State& s) {
  std::vector<Row> rows;
  for (const auto& [key, m] : s.machines) {
    Row r{key, {}};
    r.fields["machine"] = Value(key);
    r.fields["running"] = Value(m.running);
    r.fields["status"] = Value(std::string(m.running ? "running" : "stopped"));
    rows.push_back(std::move(r));
  }
  return rows;
}

}  // namespace vers::vergeio
