// VMs' machines: each VM gets a machine (its own key, from a separate
// counter) when it is created; the machine's power state is served as the
// read-only machine_status table and changed by vm_actions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "plugin/status.h"
#include "vergeio_local/state.h"

namespace vers::vergeio {

// Gives a new VM row its machine (running) and its creation time.
void AttachNewMachine(State& s, Row& vm, int64_t now);

// A running VM whose cpu_cores, ram or cpu_type changed needs a restart.
void NoteVmUpdate(State& s, const Row& before, const Row& after);

// poweron (starts, clears need_restart), poweroff (stops), reset (clears
// need_restart). Unknown VMs and actions are errors (400).
Status ApplyVmAction(State& s, int64_t vm, std::string_view action);

// machine_status rows: {"$key":M,"machine":M,"running":..,"status":..,"need_restart":..}.
std::vector<Row> MachineStatusRows(const State& s);

}  // namespace vers::vergeio
