// Where a secret must not appear: the provider's trace log and every output
// the CLI printed in any workspace of the case (each step's step-N.out, the
// imports' import.out and plan.out, concurrent-apply.out, …).
#pragma once

#include <string>
#include <vector>

#include "actions.h"

namespace vers::acceptance {

// From now on the provider logs at trace level to FILE of the case's
// directory (TF_LOG_PROVIDER, TF_LOG_PATH): a TestCase's setup.
Action TraceProviderTo(std::string file);

// Neither the step's last output, nor a *.out file anywhere under the case's
// directory (but the backends' data), nor one of FILES (relative to the
// case's directory) holds TEXT (expanded; not printed when found).
Check NotLeaked(std::string text, std::vector<std::string> files);

// FILE (relative to the case's directory) holds TEXT.
Check FileHas(std::string file, std::string text);

}  // namespace vers::acceptance
