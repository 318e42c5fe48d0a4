// The tables the emulator serves under /api/v4 and their fields: type,
// default, whether a create must set it, whether clients may write it, and
// whether a GET without `fields` returns it. Every row also has "$key" (an
// integer), which is not listed here.
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
  bool required = false;    // a create must set it
  bool read_only = false;   // set by the server only
  bool input_only = false;  // a create may send it, but it is never stored or read
  bool summary = false;     // in the small default set of a GET without `fields`
};

struct TableSpec {
  std::string name;
  std::vector<FieldSpec> fields;  // without "$key"
  bool writable = true;           // false: GET only (machine_status)

  // The field called `name`, or nullptr. "$key" is not a listed field.
  const FieldSpec* Find(std::string_view name) const;
  // The type of readable field `name`, including "$key"; false when there is
  // no such field or it is input-only.
  bool TypeOf(std::string_view name, FieldType* type) const;
  // This table without the fields in `hidden` (as on a VergeOS that lacks them).
  TableSpec Without(const std::vector<std::string>& hidden) const;
};

// The table called `name`, or nullptr.
const TableSpec* FindTable(std::string_view name);

// The tables kept in the state file (every table but machine_status).
const std::vector<std::string>& StoredTables();

}  // namespace vers::vergeio
