// The integrity rules of the tables, as pure functions over State: what a
// row must contain and may reference, what must be unique, and what a delete
// takes with it.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/status.h"
#include "vergeio_local/state.h"

namespace vers::vergeio {

// Checks a row of `table` about to be created or updated (with its defaults
// filled in; `row.key` is its key, which may not be in the table yet).
// Bad values and references: Error (400). Duplicates: Conflict (409).
//   vms:               name non-empty and unique among VMs that are not
//                      snapshots; cpu_cores, ram >= 1
//   machine_snapshots: machine is an existing machine key; name non-empty; expires >= 0
//   tag_categories:    name non-empty and unique
//   tags:              category exists; name non-empty and unique within it
//   tag_members:       tag exists; member is "vms/<existing vm key>"; the tag's
//                      category has taggable_vms; (tag, member) unique
Status CheckRow(const State& s, std::string_view table, const Row& row);

// Whether row `key` of `table` may go: a category that still has tags may not (Conflict).
Status CheckDelete(const State& s, std::string_view table, int64_t key);

// Removes a row and what depends on it: a VM's machine, the machine's
// snapshots and the VM's tag memberships; a snapshot's snapshot VM; a tag's
// memberships.
void RemoveRow(State& s, std::string_view table, int64_t key);

// The VM key in a tag member "vms/<key>", or -1.
int64_t MemberVmKey(std::string_view member);

}  // namespace vers::vergeio
