#include "vergeio_local/state.h"

#include "local/fs.h"
#include "local/json_read.h"

namespace vers::vergeio {
namespace {

std::string StatePath(const std::string& dir) { return dir + "/state.json"; }

Status ReadTable(const TableSpec& spec, simdjson::dom::element rows, State& s) {
  if (!rows.is_array()) return Status::Error("state: table " + spec.name + " must be an array");
  auto& table = s.tables[spec.name];
  for (auto element : simdjson::dom::array(rows)) {
    auto key = local::GetInt(element, "$key");
    if (!key) return Status::Error("state: a row of " + spec.name + " has no $key");
    auto fields = ReadFields(spec, element, Writer::kStore);
    if (!fields.ok())
      return Status::Error("state: " + spec.name + ": " + fields.status().message());
    Row row{*key, std::move(fields).value()};
    ApplyDefaults(spec, row.fields);
    table[*key] = std::move(row);
  }
  return Status::Ok();
}

Status ReadMachines(simdjson::dom::element machines, State& s) {
  if (!machines.is_array()) return Status::Error("state: machines must be an array");
  for (auto m : simdjson::dom::array(machines)) {
    auto key = local::GetInt(m, "machine");
    if (!key) return Status::Error("state: a machine has no key");
    s.machines[*key] = {local::GetBool(m, "running").value_or(true),
                        local::GetBool(m, "need_restart").value_or(false)};
  }
  return Status::Ok();
}

}  // namespace

State NewState() {
  State s;
  for (const auto& t : StoredTables()) {
    s.tables[t];
    s.next_keys[t] = 1;
  }
  s.next_keys[std::string(kMachineCounter)] = 100;
  s.next_keys[std::string(kActionCounter)] = 1;
  return s;
}

int64_t TakeKey(State& state, std::string_view counter) {
  auto it = state.next_keys.find(counter);
  if (it == state.next_keys.end()) it = state.next_keys.emplace(std::string(counter), 1).first;
  return it->second++;
}

std::string StateToJson(const State& s) {
  JsonWriter w;
  w.BeginObject().Key("version").Int(1).Key("next_keys").BeginObject();
  for (const auto& [name, next] : s.next_keys) w.Key(name).Int(next);
  w.EndObject().Key("tables").BeginObject();
  for (const auto& [name, rows] : s.tables) {
    const TableSpec* spec = FindTable(name);
    if (!spec) continue;
    w.Key(name).BeginArray();
    for (const auto& [key, row] : rows) WriteRow(w, *spec, row);
    w.EndArray();
  }
  w.EndObject().Key("machines").BeginArray();
  for (const auto& [key, m] : s.machines) {
    w.BeginObject().Key("machine").Int(key).Key("running").Bool(m.running);
    w.Key("need_restart").Bool(m.need_restart).EndObject();
  }
  w.EndArray().EndObject();
  auto text = w.Take();
  return text.ok() ? text.value() : std::string();
}

Result<State> StateFromJson(const std::string& text) {
  local::JsonDoc doc;
  if (Status st = doc.Parse(text); !st.ok()) return Status::Error("state: invalid JSON");
  auto root = doc.root();
  if (!root.is_object()) return Status::Error("state: not a JSON object");
  State s = NewState();
  auto next = root["next_keys"];
  if (!next.error() && next.value_unsafe().is_object()) {
    for (auto [name, value] : simdjson::dom::object(next.value_unsafe()))
      if (value.is_int64()) s.next_keys[std::string(name)] = int64_t(value);
  }
  auto tables = root["tables"];
  if (!tables.error()) {
    for (const auto& name : StoredTables()) {
      auto rows = tables.value_unsafe()[name];
      if (rows.error()) continue;
      if (Status st = ReadTable(*FindTable(name), rows.value_unsafe(), s); !st.ok()) return st;
    }
  }
  auto machines = root["machines"];
  if (!machines.error()) {
    if (Status st = ReadMachines(machines.value_unsafe(), s); !st.ok()) return st;
  }
  return s;
}

Result<State> LoadState(const std::string& dir) {
  std::string path = StatePath(dir);
  if (!local::PathExists(path)) return NewState();
  auto text = local::ReadFile(path);
  if (!text.ok()) return text.status();
  return StateFromJson(text.value());
}

Status SaveState(const std::string& dir, const State& state) {
  std::string text = StateToJson(state);
  if (text.empty()) return Status::Error("state: encoding failed");
  return local::WriteFileAtomic(StatePath(dir), text + "\n", 0600);
}

}  // namespace vers::vergeio
