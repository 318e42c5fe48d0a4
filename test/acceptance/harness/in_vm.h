// Checks on what a vers-local VM holds: files in its writable layer, read
// from the host (vm_files.h's VmUpper), and the output of commands
// run in it through vers-local's exec API (POST /vm/{id}/exec). Paths are
// absolute paths in the VM; expected texts are expanded ({{NAME}}).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "interrupt.h"
#include "test_case.h"

namespace vers::acceptance {

// Names the VM a check looks into.
struct VmRef {
  std::string what;  // e.g. "output base_id"
  std::function<std::string(Context&)> id;
};
// The VM whose id is root output NAME / ADDRESS's "id" in the state.
VmRef VmOfOutput(std::string name);
VmRef VmOfResource(std::string address);
// The VM whose id is {{VAR}} (see Remember in actions.h).
VmRef VmOfVar(std::string var);

// PATH is a file (not a symlink) whose content, trailing newlines left out
// (as the shell's $(cat PATH)), is EXPECTED.
Check VmFileIs(VmRef vm, std::string path, std::string expected);
// PATH exists (as anything) / does not exist.
Check VmHas(VmRef vm, std::string path);
Check VmLacks(VmRef vm, std::string path);
// PATH is a directory whose entries, sorted and joined by spaces (as
// `ls -A | tr '\n' ' '` without the last space), are EXPECTED ("": empty).
Check VmDirHolds(VmRef vm, std::string path, std::string expected);
// No entry of the directories DIRS has a name containing TEXT.
Check VmNoEntryNamed(VmRef vm, std::vector<std::string> dirs, std::string text);
// PATH's permission bits in octal ("600").
Check VmFileMode(VmRef vm, std::string path, std::string expected);
// PATH's SHA-256 (hex) is EXPECTED.
Check VmFileSha256(VmRef vm, std::string path, std::string expected);

// `sh -c SCRIPT` in the VM through the exec API prints EXPECTED (its
// stdout, trailing newlines left out); WHAT says what that means.
Check VmCommandPrints(VmRef vm, std::string what, std::string script, std::string expected);

// The moment PATH in the VM is a non-empty file (for InterruptAt).
Moment VmFileWritten(VmRef vm, std::string path);

}  // namespace vers::acceptance
