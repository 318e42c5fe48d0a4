// Interrupting the step's command as Ctrl-C at a terminal does: SIGINT to
// the CLI (which asks the provider to stop) at a moment the test chooses,
// then a bound on the hang that would follow if it did not stop. The one
// interrupt facility: InterruptAt takes any Moment, whether a local file's
// (FileOpened, here), a VM's file's (VmFileWritten, in_vm.h) or the
// backend's state's (VersVmsAtLeast, VersTagsAtLeast, here).
#pragma once

#include <functional>
#include <string>

#include "actions.h"

namespace vers::acceptance {

// A moment to wait for: WHAT it is, and a test of whether it has come.
struct Moment {
  std::string what;
  std::function<bool(Context&)> reached;
};

// A while_running action: waits (up to 60 s, or until the CLI ends) for
// `moment`, sends the CLI SIGINT, and waits (up to 60 s: a bound on a hang,
// not a timing) for it to end. It records in {{interrupt}} "stopped" when the
// CLI ended after the SIGINT, else what went wrong (the CLI and every process
// under it are then killed, so nothing runs on); and in {{interrupt_moment}}
// "reached" or what never happened.
Action InterruptAt(Moment moment);

// The moment a process (the provider, typically) holds the workspace's file
// PATH open.
Moment FileOpened(std::string path);
// The moment vers-local holds at least COUNT VMs (its admin counters).
Moment VersVmsAtLeast(int count);
// The moment vers-local holds at least COUNT commit tags (its admin counters):
// a tag's POST has been carried out, its answer may still be on the way.
Moment VersTagsAtLeast(int count);

// The check that the moment came before the SIGINT.
Check MomentReached();
// The check that the SIGINT ended the command.
Check StoppedByInterrupt();

}  // namespace vers::acceptance
