// VMs' machines: each VM gets a machine (its own key, from a separate
// counter) when it is created; the machine's power state is served as the
// read-only machine_status table and changed by vm_actions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "vergeio_local/state.h"

namespace vers::vergeio {

// Gives a new VM row its machine (running) and its creation time.
void AttachNewMachine(State& s, Row& vm, int64_t now);

// Gives a new machine_snapshots row its snapshot VM: VergeOS keeps a
// snapshot as a vms row of its own, with is_snapshot = true, the VM's name
// and a machine of its own that the snapshot names as `snap_machine`
// (pyVergeOS snapshots.py restore(); vms.py and PSVergeOS Get-VergeVM.ps1
// filter `is_snapshot eq false` to skip these rows). Error when the
// snapshot's machine belongs to no VM.
Status AttachSnapshotVm(State& s, Row& snapshot, int64_t now);

// A vms row with need_restart read from its machine (VergeOS reports it on
// vms: verge-io/docs api-vm-power-management.md).
Row WithNeedRestart(const State& s, Row vm);

// A running VM whose cpu_cores, ram or cpu_type changed needs a restart.
void NoteVmUpdate(State& s, const Row& before, const Row& after);

// poweron (starts, clears need_restart), poweroff (stops), reset (clears
// need_restart). Unknown VMs and actions are errors (400).
Status ApplyVmAction(State& s, int64_t vm, std::string_view action);

// machine_status rows: {"$key":M,"machine":M,"running":..,"status":..}.
std::vector<Row> MachineStatusRows(const State& s);

}  // namespace vers::vergeio
