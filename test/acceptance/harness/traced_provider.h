// The provider run under strace (-f, execve/openat/creat) for a step, to
// check what it does to the host: that it runs no other program and creates
// no file (e.g. no key file for SSH). TraceProvider (a pre_config) points
// the CLI's dev_overrides at a wrapper that execs strace, each provider
// process writing <workspace>/strace.<pid>; UntraceProvider (an
// after_command) points them back, so later plans run the provider as is.
#pragma once

#include "actions.h"

namespace vers::acceptance {

void TraceProvider(Context& ctx);
void UntraceProvider(Context& ctx);

// Each traced process made one execve, its own start (strace runs the
// provider): the provider exec'd nothing else. Fails when nothing was traced.
Check ProviderExecdNothingElse();
// No open/openat/creat with O_CREAT succeeded in a traced process.
Check ProviderCreatedNoFile();

}  // namespace vers::acceptance
