// The shared basics the framework uses but does not own: Status/Result,
// hclog-style logging and JSON writing live in namespace vers (the provider
// and both emulators use them too). This one header brings them into
// namespace tfplugin, so that framework code names them as its own and only
// this file changes when they move.
#pragma once

#include "plugin/json_writer.h"
#include "plugin/log.h"
#include "plugin/status.h"

namespace tfplugin {

using ::vers::JsonWriter;
using ::vers::Result;
using ::vers::Status;
namespace log = ::vers::log;

}  // namespace tfplugin
