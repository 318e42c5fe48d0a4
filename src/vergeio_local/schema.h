// The tables the emulator serves under /api/v4 and their fields: type,
// default, whether a create must set it and whether clients may write it.
// Every row also has "$key" (an integer), which is not listed here.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "vergeio_local/value.h"

namespace vers::vergeio {

inline constexpr std::string_view kVms = "vms";
inline constexpr std::string_view kMachineStatus = "machine_status";
inline constexpr std::string_view kSnapshots = "machine_snapshots";
inline constexpr std::string_view kCategories = "tag_categories";
inline constexpr std::string_view kTags = "tags";
inline constexpr std::string_view kTagMembers = "tag_members";
inline constexpr std::string_view kKeyField = "$key";

struct FieldSpec {
  std::string name;
  FieldType type = FieldType::kString;
  Value default_value;
  bool required = false;   // a create must set it
  bool read_only = false;  // set by the server only
};

struct TableSpec {
  std::string name;
  std::vector<FieldSpec> fields;  // without "$key"
  bool writable = true;           // false: GET only (machine_status)

  // The field called `name`, or nullptr. "$key" is not a listed field.
  const FieldSpec* Find(std::string_view name) const;
  // The type of `name`, including "$key"; false when there is no such field.
  bool TypeOf(std::string_view name, FieldType* type) const;
};

// The table called `name`, or nullptr.
const TableSpec* FindTable(std::string_view name);

// The tables kept in the state file (every table but machine_status).
const std::vector<std::string>& StoredTables();

}  // namespace vers::vergeio
