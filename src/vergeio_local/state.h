// Everything the emulator knows about its tables, and its persistence as
// DIR/state.json (written atomically, 0600). Not thread-safe; Database
// serializes access.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "base/status.h"
#include "vergeio_local/row.h"

namespace vers::vergeio {

// Key counters that are not a stored table's own.
inline constexpr std::string_view kMachineCounter = "machines";  // machine keys, from 100
inline constexpr std::string_view kActionCounter = "vm_actions";

struct MachineState {
  bool running = true;
  bool need_restart = false;
};

struct State {
  // Every stored table (see StoredTables), rows by key.
  std::map<std::string, std::map<int64_t, Row>, std::less<>> tables;
  // The next key of each stored table and counter.
  std::map<std::string, int64_t, std::less<>> next_keys;
  // Power state of each VM's machine, by machine key.
  std::map<int64_t, MachineState> machines;
};

// An empty state: VM (and other) keys from 1, machine keys from 100.
State NewState();
// Takes the next key of `counter`.
int64_t TakeKey(State& state, std::string_view counter);

std::string StateToJson(const State& state);
Result<State> StateFromJson(const std::string& text);

// DIR/state.json; a missing file loads as NewState().
Result<State> LoadState(const std::string& dir);
Status SaveState(const std::string& dir, const State& state);

}  // namespace vers::vergeio
